using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Changes;
using Portal.Core.Devices;
using Portal.Core.Security;
using Portal.Core.Tenancy;
using Portal.Data.Identity;

namespace Portal.Data.Configuration;

internal sealed class ItemChangeConfiguration : IEntityTypeConfiguration<ItemChange>
{
    public void Configure(EntityTypeBuilder<ItemChange> builder)
    {
        // One table for folders and groupware collections: both have Guid ids from one space.
        builder.ToTable("ItemChanges");
        builder.Property(c => c.ResourceName).HasMaxLength(500);
        builder.HasIndex(c => new { c.CollectionId, c.ChangeNumber });
    }
}

internal sealed class AppPasswordConfiguration : IEntityTypeConfiguration<AppPassword>
{
    public void Configure(EntityTypeBuilder<AppPassword> builder)
    {
        builder.ToTable("AppPasswords");
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.PasswordHash).HasMaxLength(500);
        builder.HasIndex(a => a.UserId);
        builder.HasOne<PortalUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SyncDeviceConfiguration : IEntityTypeConfiguration<SyncDevice>
{
    public void Configure(EntityTypeBuilder<SyncDevice> builder)
    {
        builder.ToTable("SyncDevices");
        builder.Property(d => d.DeviceId).HasMaxLength(200);
        builder.Property(d => d.ClientName).HasMaxLength(200);
        builder.Property(d => d.DeviceType).HasMaxLength(200);
        builder.Property(d => d.LastAddress).HasMaxLength(64);
        builder.HasIndex(d => new { d.MailboxId, d.Protocol, d.DeviceId }).IsUnique();
        builder.HasOne<Mailbox>().WithMany().HasForeignKey(d => d.MailboxId).OnDelete(DeleteBehavior.Cascade);
    }
}
