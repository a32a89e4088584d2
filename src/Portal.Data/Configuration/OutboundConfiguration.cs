using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Delivery;

namespace Portal.Data.Configuration;

internal sealed class OutboundMessageConfiguration : IEntityTypeConfiguration<OutboundMessage>
{
    public void Configure(EntityTypeBuilder<OutboundMessage> builder)
    {
        builder.ToTable("OutboundMessages");
        builder.Property(m => m.BlobId).HasMaxLength(64).IsUnicode(false);
        builder.Property(m => m.Sender).HasMaxLength(320);
        builder.Property(m => m.EnvelopeId).HasMaxLength(100);
        builder.Property(m => m.Ret).HasMaxLength(8);
    }
}

internal sealed class OutboundRecipientConfiguration : IEntityTypeConfiguration<OutboundRecipient>
{
    public void Configure(EntityTypeBuilder<OutboundRecipient> builder)
    {
        builder.ToTable("OutboundRecipients");
        builder.Property(r => r.Address).HasMaxLength(320);
        builder.Property(r => r.Domain).HasMaxLength(255);
        builder.Property(r => r.Notify).HasMaxLength(40);
        builder.Property(r => r.OriginalRecipient).HasMaxLength(500);
        builder.Property(r => r.LastResponse).HasMaxLength(1000);
        builder.HasIndex(r => new { r.State, r.NextAttemptUtc });
        builder.HasIndex(r => r.MessageId);
        builder.HasOne<OutboundMessage>().WithMany().HasForeignKey(r => r.MessageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DkimKeyConfiguration : IEntityTypeConfiguration<DkimKey>
{
    public void Configure(EntityTypeBuilder<DkimKey> builder)
    {
        builder.ToTable("DkimKeys");
        builder.Property(k => k.Selector).HasMaxLength(63);
        builder.Property(k => k.PrivateKeyPem).HasMaxLength(4000);
        builder.Property(k => k.PublicKey).HasMaxLength(1000);
        builder.Ignore(k => k.DnsRecord);
        builder.HasIndex(k => k.DomainId);
        builder.HasOne<Portal.Core.Tenancy.Domain>().WithMany().HasForeignKey(k => k.DomainId).OnDelete(DeleteBehavior.Cascade);
    }
}
