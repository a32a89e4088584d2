using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Core.Mail;
using Portal.Core.Tenancy;

namespace Portal.Data.Configuration;

internal sealed class FolderConfiguration : IEntityTypeConfiguration<Folder>
{
    public void Configure(EntityTypeBuilder<Folder> builder)
    {
        builder.ToTable("Folders");
        builder.Property(f => f.Name).HasMaxLength(1000);
        builder.HasIndex(f => new { f.MailboxId, f.Name }).IsUnique();
        builder.HasOne<Mailbox>().WithMany().HasForeignKey(f => f.MailboxId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.ToTable("Messages");
        builder.Property(m => m.BlobId).HasMaxLength(64).IsUnicode(false);
        builder.Property(m => m.Keywords).HasMaxLength(2000);
        builder.Property(m => m.Subject).HasMaxLength(1000);
        builder.Property(m => m.From).HasMaxLength(1000);
        builder.Property(m => m.To).HasMaxLength(4000);
        builder.Property(m => m.Cc).HasMaxLength(4000);
        builder.Property(m => m.MessageIdHeader).HasMaxLength(1000);
        builder.Property(m => m.InReplyTo).HasMaxLength(1000);
        builder.Property(m => m.References).HasMaxLength(8000);
        builder.Property(m => m.Preview).HasMaxLength(400);

        // UIDs are unique per folder (RFC 3501 §2.3.1.1); the index also serves UID ranges in order.
        builder.HasIndex(m => new { m.FolderId, m.Uid }).IsUnique();
        builder.HasIndex(m => new { m.FolderId, m.ModSeq });
        builder.HasIndex(m => new { m.FolderId, m.InternalDateUtc });
        builder.HasIndex(m => m.MailboxId);

        // Covering for the search index's answer (blob ids) turned into a folder's UIDs: no message row is read per hit.
        // Its BlobId prefix also serves every lookup by blob alone.
        builder.HasIndex(m => new { m.BlobId, m.FolderId, m.Uid });

        // Searches read the messages that the index does not fully cover (pending or cut) with this.
        builder.HasIndex(m => new { m.FolderId, m.SearchState });
        builder.HasOne<Folder>().WithMany().HasForeignKey(m => m.FolderId).OnDelete(DeleteBehavior.Cascade);
    }
}
