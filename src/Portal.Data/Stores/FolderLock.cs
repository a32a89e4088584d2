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
    public static async Task<FolderState> BumpAsync(PortalDbContext db, Guid folderId, int uids, CancellationToken cancellationToken)
    {
        var updated = await db.Folders.Where(f => f.Id == folderId)
            .ExecuteUpdateAsync(s => s
                .SetProperty(f => f.UidNext, f => f.UidNext + uids)
                .SetProperty(f => f.HighestModSeq, f => f.HighestModSeq + 1), cancellationToken)
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
}

/// <summary>The folder after a bump: <see cref="FirstUid"/> is the first of the UIDs reserved, <see cref="ModSeq"/> the new change number.</summary>
internal readonly record struct FolderState(Guid MailboxId, long UidValidity, long FirstUid, long ModSeq);
