using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Data.Search;

namespace Portal.Data.Configuration;

/// <summary>
/// The text rows only; the full-text indexes over them are provider-specific SQL in each provider's SearchIndex
/// migration (FTS5 table and triggers on SQLite, pg_trgm GIN indexes on PostgreSQL).
/// </summary>
internal sealed class MessageTextConfiguration : IEntityTypeConfiguration<MessageTextRow>
{
    public void Configure(EntityTypeBuilder<MessageTextRow> builder)
    {
        builder.ToTable("MessageTexts");
        builder.Property(t => t.Id).ValueGeneratedOnAdd();
        builder.Property(t => t.BlobId).HasMaxLength(64).IsUnicode(false);
        builder.HasIndex(t => t.BlobId).IsUnique();
    }
}
