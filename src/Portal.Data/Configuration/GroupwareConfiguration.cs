using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Groupware;
using Portal.Core.Tenancy;

namespace Portal.Data.Configuration;

internal sealed class CollectionConfiguration : IEntityTypeConfiguration<Collection>
{
    public void Configure(EntityTypeBuilder<Collection> builder)
    {
        builder.ToTable("Collections");
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.DisplayName).HasMaxLength(200);
        builder.Property(c => c.Color).HasMaxLength(20);
        builder.HasIndex(c => new { c.MailboxId, c.Kind, c.Name }).IsUnique();
        builder.HasOne<Mailbox>().WithMany().HasForeignKey(c => c.MailboxId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ItemConfiguration : IEntityTypeConfiguration<Item>
{
    public void Configure(EntityTypeBuilder<Item> builder)
    {
        builder.ToTable("Items");
        builder.Property(i => i.Uid).HasMaxLength(500);
        builder.Property(i => i.ResourceName).HasMaxLength(500);
        builder.Property(i => i.ETag).HasMaxLength(100);
        builder.Property(i => i.DisplayName).HasMaxLength(500);
        builder.Property(i => i.Email).HasMaxLength(320);
        builder.HasIndex(i => new { i.CollectionId, i.ResourceName }).IsUnique();
        builder.HasIndex(i => new { i.CollectionId, i.Uid });
        builder.HasIndex(i => new { i.CollectionId, i.StartUtc });
        builder.HasOne<Collection>().WithMany().HasForeignKey(i => i.CollectionId).OnDelete(DeleteBehavior.Cascade);
    }
}
