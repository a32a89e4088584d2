using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Delivery.Rules;
using Portal.Core.Tenancy;

namespace Portal.Data.Configuration;

internal sealed class MailboxRulesConfiguration : IEntityTypeConfiguration<MailboxRules>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<MailboxRules> builder)
    {
        builder.ToTable("MailboxRules");
        builder.HasKey(r => r.MailboxId);
        builder.Property(r => r.ForwardTo).HasMaxLength(320);
        builder.Property(r => r.VacationSubject).HasMaxLength(200);
        builder.Property(r => r.VacationBody).HasMaxLength(8000);
        builder.Ignore(r => r.Forwards);

        // The filter list is read and written whole, in order: one JSON column rather than a table of rows.
        builder.Property(r => r.Filters)
            .HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<List<FilterRule>>(v, Json) ?? new List<FilterRule>(),
                new ValueComparer<List<FilterRule>>(
                    (a, b) => JsonSerializer.Serialize(a, Json) == JsonSerializer.Serialize(b, Json),
                    v => JsonSerializer.Serialize(v, Json).GetHashCode(StringComparison.Ordinal),
                    v => JsonSerializer.Deserialize<List<FilterRule>>(JsonSerializer.Serialize(v, Json), Json)!))
            .HasMaxLength(16000);
        builder.HasOne<Mailbox>().WithOne().HasForeignKey<MailboxRules>(r => r.MailboxId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VacationReplyRecordConfiguration : IEntityTypeConfiguration<VacationReplyRecord>
{
    public void Configure(EntityTypeBuilder<VacationReplyRecord> builder)
    {
        builder.ToTable("VacationReplies");
        builder.HasKey(r => new { r.MailboxId, r.Sender });
        builder.Property(r => r.Sender).HasMaxLength(320);
        builder.HasOne<Mailbox>().WithMany().HasForeignKey(r => r.MailboxId).OnDelete(DeleteBehavior.Cascade);
    }
}
