using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Tenancy;
using Portal.Data.Identity;

namespace Portal.Data.Configuration;

internal sealed class ResellerConfiguration : IEntityTypeConfiguration<Reseller>
{
    public void Configure(EntityTypeBuilder<Reseller> builder)
    {
        builder.ToTable("Resellers");
        builder.Property(r => r.Name).HasMaxLength(200);
        builder.HasIndex(r => r.Name).IsUnique();
    }
}

internal sealed class DomainConfiguration : IEntityTypeConfiguration<Domain>
{
    public void Configure(EntityTypeBuilder<Domain> builder)
    {
        builder.ToTable("Domains");
        builder.Property(d => d.Name).HasMaxLength(253);
        builder.HasIndex(d => d.Name).IsUnique();
        builder.HasIndex(d => d.ResellerId);
        builder.HasOne<Reseller>().WithMany().HasForeignKey(d => d.ResellerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MailboxConfiguration : IEntityTypeConfiguration<Mailbox>
{
    public void Configure(EntityTypeBuilder<Mailbox> builder)
    {
        builder.ToTable("Mailboxes");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.LocalPart).HasMaxLength(64);
        builder.Property(m => m.Address).HasMaxLength(320);
        builder.Property(m => m.DisplayName).HasMaxLength(200);
        builder.Property(m => m.Signature).HasMaxLength(10_000);
        builder.HasIndex(m => m.Address).IsUnique();
        builder.HasIndex(m => m.DomainId);
        builder.HasOne<Domain>().WithMany().HasForeignKey(m => m.DomainId).OnDelete(DeleteBehavior.Restrict);

        // The mailbox shares its key with the Identity user that signs in with its address.
        builder.HasOne<PortalUser>().WithOne().HasForeignKey<Mailbox>(m => m.Id).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AliasConfiguration : IEntityTypeConfiguration<Alias>
{
    public void Configure(EntityTypeBuilder<Alias> builder)
    {
        builder.ToTable("Aliases");
        builder.Property(a => a.Address).HasMaxLength(320);
        builder.Property(a => a.Targets).HasMaxLength(4000);
        builder.HasIndex(a => a.Address).IsUnique();
        builder.HasIndex(a => a.DomainId);
        builder.Ignore(a => a.TargetList);
        builder.HasOne<Domain>().WithMany().HasForeignKey(a => a.DomainId).OnDelete(DeleteBehavior.Cascade);
    }
}
