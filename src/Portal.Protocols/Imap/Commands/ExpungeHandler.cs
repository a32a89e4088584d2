using Portal.Core.Mail;
using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>EXPUNGE (RFC 3501 §6.4.3) and UID EXPUNGE (RFC 4315 §2.1).</summary>
internal static class ExpungeHandler
{
    public static async Task ExpungeAsync(ImapSession session, ImapCommand.Simple command, CancellationToken cancellationToken)
    {
        var folder = session.Selected!;
        if (folder.ReadOnly)
        {
            session.Send($"{command.Tag} NO [READ-ONLY] The mailbox is read-only.");
            return;
        }

        var removed = await session.Store.ExpungeAsync(folder.Id, null, cancellationToken).ConfigureAwait(false);
        session.SendExpunges(folder, removed);
        await session.SendUpdatesAsync(byUid: false, cancellationToken).ConfigureAwait(false);
        session.Send($"{command.Tag} OK EXPUNGE completed.");
    }

    public static async Task UidExpungeAsync(ImapSession session, ImapCommand.UidExpunge command, CancellationToken cancellationToken)
    {
        var folder = session.Selected!;
        if (folder.ReadOnly)
        {
            session.Send($"{command.Tag} NO [READ-ONLY] The mailbox is read-only.");
            return;
        }

        var uids = SetResolver.Resolve(folder, command.Set, byUid: true)!;

        // Only the named messages that carry \Deleted go.
        var summaries = await session.Store.ListSummariesAsync(folder.Id, cancellationToken).ConfigureAwait(false);
        var wanted = uids.ToHashSet();
        var doomed = summaries.Where(s => wanted.Contains(s.Uid) && s.Flags.HasFlag(MessageFlags.Deleted)).Select(s => s.Uid).ToList();
        if (doomed.Count > 0)
        {
            var removed = await session.Store.ExpungeAsync(folder.Id, doomed, cancellationToken).ConfigureAwait(false);
            session.SendExpunges(folder, removed);
        }

        await session.SendUpdatesAsync(byUid: true, cancellationToken).ConfigureAwait(false);
        session.Send($"{command.Tag} OK UID EXPUNGE completed.");
    }
}
