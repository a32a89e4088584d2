using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Mail.Reading;
using Portal.Core.Tenancy;

namespace Portal.Data.Configuration;

internal sealed class RemoteImageSenderConfiguration : IEntityTypeConfiguration<RemoteImageSender>
{
    public void Configure(EntityTypeBuilder<RemoteImageSender> builder)
    {
        builder.ToTable("RemoteImageSenders");
        builder.HasKey(s => new { s.MailboxId, s.Address });
        builder.Property(s => s.Address).HasMaxLength(320);
        builder.HasOne<Mailbox>().WithMany().HasForeignKey(s => s.MailboxId).OnDelete(DeleteBehavior.Cascade);
    }
}
