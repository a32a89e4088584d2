using Microsoft.EntityFrameworkCore;
using Portal.Core.Mail;

namespace Portal.Data.Stores;

/// <summary>
/// The first statement of every mail mutation: one UPDATE of the folder row that bumps HIGHESTMODSEQ (and
/// UIDNEXT by the number of UIDs wanted). It takes the row lock (PostgreSQL, SQL Server) or the write lock
/// (SQLite, BEGIN IMMEDIATE) for the rest of the transaction, so UIDs and MODSEQs come out unique and increasing.
/// </summary>
internal static class FolderLock
{
    public static async Task<FolderState> BumpAsync(PortalDbContext db, Guid folderId, int uids, CancellationToken cancellationToken, FolderDelta counts = default)
    {
        var updated = await db.Folders.Where(f => f.Id == folderId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(f => f.UidNext, f => f.UidNext + uids)
                .SetProperty(f => f.HighestModSeq, f => f.HighestModSeq + 1)
                .SetProperty(f => f.MessageCount, f => f.MessageCount + counts.Messages)
                .SetProperty(f => f.UnseenCount, f => f.UnseenCount + counts.Unseen)
                .SetProperty(f => f.TotalSize, f => f.TotalSize + counts.Size), cancellationToken)
            .ConfigureAwait(false);
        if (updated == 0)
        {
            throw new KeyNotFoundException($"Folder {folderId} does not exist.");
        }

        var state = await db.Folders.AsNoTracking().Where(f => f.Id == folderId)
            .Select(f => new FolderState(f.MailboxId, f.UidValidity, f.UidNext - uids, f.HighestModSeq))
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        return state;
    }

    /// <summary>Changes the folder's counts, under the lock the bump took; nothing when nothing changes.</summary>
    public static async Task AdjustAsync(PortalDbContext db, Guid folderId, FolderDelta counts, CancellationToken cancellationToken)
    {
        if (counts == default)
        {
            return;
        }

        await db.Folders.Where(f => f.Id == folderId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(f => f.MessageCount, f => f.MessageCount + counts.Messages)
                .SetProperty(f => f.UnseenCount, f => f.UnseenCount + counts.Unseen)
                .SetProperty(f => f.TotalSize, f => f.TotalSize + counts.Size), cancellationToken)
            .ConfigureAwait(false);
    }
}

/// <summary>How a change moves a folder's message count, unseen count and total size.</summary>
internal readonly record struct FolderDelta(int Messages, int Unseen, long Size)
{
    public static FolderDelta Of(IEnumerable<Message> messages, int sign) => messages.Aggregate(default(FolderDelta), (d, m) =>
        new FolderDelta(d.Messages + sign, d.Unseen + (m.Flags.HasFlag(MessageFlags.Seen) ? 0 : sign), d.Size + (sign * m.Size)));

    public static FolderDelta operator +(FolderDelta a, FolderDelta b) => new(a.Messages + b.Messages, a.Unseen + b.Unseen, a.Size + b.Size);
}

/// <summary>The folder after a bump: <see cref="FirstUid"/> is the first of the UIDs reserved, <see cref="ModSeq"/> the new change number.</summary>
internal readonly record struct FolderState(Guid MailboxId, long UidValidity, long FirstUid, long ModSeq);
