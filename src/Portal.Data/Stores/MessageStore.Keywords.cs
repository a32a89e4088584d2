using Microsoft.EntityFrameworkCore;
using Portal.Core.Changes;
using Portal.Core.Mail;

namespace Portal.Data.Stores;

/// <summary>IMAP keywords (RFC 9051 §2.3.2): kept space-separated on the message as the client spelled them, compared without case.</summary>
public sealed partial class MessageStore
{
    public Task<IReadOnlyList<Message>> SetFlagsAsync(Guid folderId, IReadOnlyCollection<long> uids, MessageFlags flags, IReadOnlyCollection<string> keywords, FlagChangeMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keywords);
        return ChangeFlagsAsync(folderId, uids, flags, keywords, mode, cancellationToken);
    }

    /// <summary>Changes system flags and (unless <paramref name="keywords"/> is null) keywords; keeps the folder's unseen count.</summary>
    private async Task<IReadOnlyList<Message>> ChangeFlagsAsync(Guid folderId, IReadOnlyCollection<long> uids, MessageFlags flags, IReadOnlyCollection<string>? keywords, FlagChangeMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uids);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var state = await FolderLock.BumpAsync(db, folderId, 0, cancellationToken).ConfigureAwait(false);
        var messages = await db.Messages.Where(m => m.FolderId == folderId && uids.Contains(m.Uid)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var changed = new List<Message>();
        var unseen = 0;
        foreach (var message in messages)
        {
            var updatedFlags = mode switch
            {
                FlagChangeMode.Add => message.Flags | flags,
                FlagChangeMode.Remove => message.Flags & ~flags,
                _ => flags,
            };
            var updatedKeywords = keywords is null ? message.Keywords : ChangeKeywords(message.Keywords, keywords, mode);
            if (updatedFlags == message.Flags && updatedKeywords == message.Keywords)
            {
                continue;
            }

            unseen += (updatedFlags.HasFlag(MessageFlags.Seen) ? 0 : 1) - (message.Flags.HasFlag(MessageFlags.Seen) ? 0 : 1);
            message.Flags = updatedFlags;
            message.Keywords = updatedKeywords;
            message.ModSeq = state.ModSeq;
            db.ItemChanges.Add(Change(folderId, state.ModSeq, message, ChangeKind.Changed, now));
            changed.Add(message);
        }

        if (changed.Count == 0)
        {
            // Nothing changed: give the bumped number back.
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return changed;
        }

        await FolderLock.AdjustAsync(db, folderId, new FolderDelta(0, unseen, 0), cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        notifier.Publish(new ChangeNotification(state.MailboxId, folderId, state.ModSeq));
        return changed;
    }

    public async Task<IReadOnlyList<string>> ListKeywordsAsync(Guid folderId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var sets = await db.Messages.AsNoTracking().Where(m => m.FolderId == folderId && m.Keywords != string.Empty)
            .Select(m => m.Keywords).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        return sets.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
    }

    private static string ChangeKeywords(string current, IReadOnlyCollection<string> keywords, FlagChangeMode mode)
    {
        var list = current.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        switch (mode)
        {
            case FlagChangeMode.Add:
                list.AddRange(keywords.Where(k => !list.Contains(k, StringComparer.OrdinalIgnoreCase)));
                break;
            case FlagChangeMode.Remove:
                list.RemoveAll(k => keywords.Contains(k, StringComparer.OrdinalIgnoreCase));
                break;
            default:
                list = [];
                list.AddRange(keywords);
                break;
        }

        return string.Join(' ', list.Distinct(StringComparer.OrdinalIgnoreCase));
    }
}
