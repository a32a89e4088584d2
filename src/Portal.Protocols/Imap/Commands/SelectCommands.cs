using Portal.Core.Mail;
using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>SELECT, EXAMINE (RFC 3501 §6.3.1-2, RFC 7162 §3.1.8), CLOSE, UNSELECT (RFC 3691).</summary>
internal static class SelectCommands
{
    private const string SystemFlags = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";

    public static async Task SelectAsync(ImapSession session, ImapCommand.MailboxVerb command, CancellationToken cancellationToken)
    {
        var mailboxId = session.MailboxId;
        var address = session.State switch
        {
            ImapState.Authenticated a => a.Address,
            ImapState.Selected s => s.Address,
            _ => string.Empty,
        };

        // RFC 3501 §6.3.1: a SELECT first deselects, even when it fails.
        session.State = new ImapState.Authenticated(mailboxId, address);
        var folder = await session.Store.FindFolderAsync(mailboxId, command.Mailbox, cancellationToken).ConfigureAwait(false);
        if (folder is null)
        {
            session.Send($"{command.Tag} NO [NONEXISTENT] No such mailbox.");
            return;
        }

        session.CondStoreEnabled |= command.CondStore;
        var summaries = await session.Store.ListSummariesAsync(folder.Id, cancellationToken).ConfigureAwait(false);
        var readOnly = command.Verb == "EXAMINE";
        var selected = new SelectedFolder(folder.Id, folder.Name, folder.UidValidity, readOnly, summaries.Select(s => s.Uid).ToList(), folder.HighestModSeq);
        session.State = new ImapState.Selected(mailboxId, address, selected);

        session.Send($"* FLAGS ({SystemFlags})");
        session.Send(readOnly ? "* OK [PERMANENTFLAGS ()] Read-only." : $"* OK [PERMANENTFLAGS ({SystemFlags})] Limited.");
        session.Send($"* {ImapFormat.Number(summaries.Count)} EXISTS");
        session.Send("* 0 RECENT");
        var firstUnseen = summaries.Select((s, i) => (s, i)).FirstOrDefault(p => !p.s.Flags.HasFlag(MessageFlags.Seen));
        if (firstUnseen.s.Uid != 0)
        {
            session.Send($"* OK [UNSEEN {ImapFormat.Number(firstUnseen.i + 1)}] First unseen.");
        }

        session.Send($"* OK [UIDVALIDITY {ImapFormat.Number(folder.UidValidity)}] UIDs valid.");
        session.Send($"* OK [UIDNEXT {ImapFormat.Number(folder.UidNext)}] Predicted next UID.");
        session.Send($"* OK [HIGHESTMODSEQ {ImapFormat.Number(folder.HighestModSeq)}] Highest.");
        session.ReportDevice(synced: true);
        session.Send($"{command.Tag} OK [{(readOnly ? "READ-ONLY" : "READ-WRITE")}] {command.Verb} completed.");
    }

    public static async Task CloseAsync(ImapSession session, ImapCommand.Simple command, CancellationToken cancellationToken)
    {
        var folder = session.Selected!;
        var address = ((ImapState.Selected)session.State).Address;
        if (command.Verb == "CLOSE" && !folder.ReadOnly)
        {
            // RFC 3501 §6.4.2: CLOSE expunges silently.
            await session.Store.ExpungeAsync(folder.Id, null, cancellationToken).ConfigureAwait(false);
        }

        session.State = new ImapState.Authenticated(session.MailboxId, address);
        session.Send($"{command.Tag} OK {command.Verb} completed.");
    }
}
