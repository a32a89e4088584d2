using Microsoft.EntityFrameworkCore;
using Portal.Core.Changes;
using Portal.Core.Mail;

namespace Portal.Data.Stores;

/// <summary>Folder hierarchy operations and the light reads that protocol sessions need.</summary>
public sealed partial class MessageStore
{
    public async Task<IReadOnlyList<MessageSummary>> ListSummariesAsync(Guid folderId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Messages.AsNoTracking().Where(m => m.FolderId == folderId).OrderBy(m => m.Uid)
            .Select(m => new MessageSummary(m.Uid, m.ModSeq, m.Flags, m.Size)).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Message>> ListMessagesAsync(Guid folderId, long firstUid, long lastUid, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Messages.AsNoTracking().Where(m => m.FolderId == folderId && m.Uid >= firstUid && m.Uid <= lastUid)
            .OrderBy(m => m.Uid).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<MessageBlob>> ListBlobsAsync(Guid folderId, long firstUid, long lastUid, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Messages.AsNoTracking().Where(m => m.FolderId == folderId && m.Uid >= firstUid && m.Uid <= lastUid)
            .OrderBy(m => m.Uid).Select(m => new MessageBlob(m.Uid, m.BlobId)).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Message>> ListMessagesAsync(Guid folderId, IReadOnlyCollection<long> uids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uids);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Messages.AsNoTracking().Where(m => m.FolderId == folderId && uids.Contains(m.Uid))
            .OrderBy(m => m.Uid).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Folder> CreateFolderAsync(Guid mailboxId, string name, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(name);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var existing = await db.Folders.Where(f => f.MailboxId == mailboxId).Select(f => f.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (existing.Contains(normalized, StringComparer.Ordinal))
        {
            throw new MailStoreException(MailStoreError.AlreadyExists, $"Folder '{normalized}' already exists.");
        }

        // RFC 3501 §6.3.3: creating a/b/c creates a and a/b when they are missing.
        Folder? created = null;
        var levels = normalized.Split(Folder.Delimiter);
        for (var i = 1; i <= levels.Length; i++)
        {
            var path = string.Join(Folder.Delimiter, levels[..i]);
            if (existing.Contains(path, StringComparer.Ordinal))
            {
                continue;
            }

            created = new Folder { MailboxId = mailboxId, Name = path, UidValidity = AccountService.NewUidValidity(), CreatedUtc = now };
            db.Folders.Add(created);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        notifier.Publish(new ChangeNotification(mailboxId, created!.Id, created.HighestModSeq));
        return created;
    }

    public async Task DeleteFolderAsync(Guid mailboxId, string name, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(name);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var folder = await db.Folders.SingleOrDefaultAsync(f => f.MailboxId == mailboxId && f.Name == normalized, cancellationToken).ConfigureAwait(false)
            ?? throw new MailStoreException(MailStoreError.NotFound, $"Folder '{normalized}' does not exist.");
        if (folder.Role == FolderRole.Inbox)
        {
            throw new MailStoreException(MailStoreError.NotAllowed, "INBOX cannot be deleted.");
        }

        var prefix = normalized + Folder.Delimiter;
        if (await db.Folders.AnyAsync(f => f.MailboxId == mailboxId && f.Name.StartsWith(prefix), cancellationToken).ConfigureAwait(false))
        {
            throw new MailStoreException(MailStoreError.HasChildren, $"Folder '{normalized}' has child folders; delete them first.");
        }

        // The folder's journal goes with it: a client asking about it later gets "no such folder", not changes.
        await db.ItemChanges.Where(c => c.CollectionId == folder.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Messages.Where(m => m.FolderId == folder.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        db.Folders.Remove(folder);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        notifier.Publish(new ChangeNotification(mailboxId, folder.Id, folder.HighestModSeq + 1));
    }

    public async Task RenameFolderAsync(Guid mailboxId, string name, string newName, CancellationToken cancellationToken = default)
    {
        var from = Normalize(name);
        var to = Normalize(newName);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var folders = await db.Folders.Where(f => f.MailboxId == mailboxId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var folder = folders.SingleOrDefault(f => f.Name == from)
            ?? throw new MailStoreException(MailStoreError.NotFound, $"Folder '{from}' does not exist.");
        if (folder.Role == FolderRole.Inbox)
        {
            throw new MailStoreException(MailStoreError.NotAllowed, "Renaming INBOX is not supported.");
        }

        if (folders.Any(f => f.Name == to))
        {
            throw new MailStoreException(MailStoreError.AlreadyExists, $"Folder '{to}' already exists.");
        }

        if (to.StartsWith(from + Folder.Delimiter, StringComparison.Ordinal))
        {
            throw new MailStoreException(MailStoreError.InvalidName, "A folder cannot be moved below itself.");
        }

        // RFC 3501 §6.3.5: inferior names are renamed too.
        var prefix = from + Folder.Delimiter;
        foreach (var child in folders.Where(f => f.Name.StartsWith(prefix, StringComparison.Ordinal)))
        {
            child.Name = to + child.Name[from.Length..];
        }

        folder.Name = to;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        notifier.Publish(new ChangeNotification(mailboxId, folder.Id, folder.HighestModSeq));
    }

    public async Task SetSubscribedAsync(Guid mailboxId, string name, bool subscribed, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(name);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        var updated = await db.Folders.Where(f => f.MailboxId == mailboxId && f.Name == normalized)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.Subscribed, subscribed), cancellationToken).ConfigureAwait(false);
        if (updated == 0)
        {
            throw new MailStoreException(MailStoreError.NotFound, $"Folder '{normalized}' does not exist.");
        }
    }

    /// <summary>INBOX in any case is INBOX (RFC 3501 §5.1); empty levels and a trailing delimiter are refused or dropped.</summary>
    private static string Normalize(string name)
    {
        var trimmed = name.TrimEnd(Folder.Delimiter);
        if (trimmed.Length == 0 || trimmed.Length > 1000 || trimmed.Split(Folder.Delimiter).Any(l => l.Length == 0) || trimmed.Any(char.IsControl))
        {
            throw new MailStoreException(MailStoreError.InvalidName, $"'{name}' is not a valid folder name.");
        }

        if (string.Equals(trimmed, "INBOX", StringComparison.OrdinalIgnoreCase))
        {
            return "INBOX";
        }

        return trimmed.StartsWith("INBOX" + Folder.Delimiter, StringComparison.OrdinalIgnoreCase) ? "INBOX" + trimmed[5..] : trimmed;
    }
}
