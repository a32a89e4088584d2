using Portal.Core.Changes;
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

        // RFC 3501 §6.3.1: a SELECT first deselects, even when it fails; RFC 7162 §3.2.11 says so with [CLOSED].
        if (session.QResyncEnabled && session.Selected is not null)
        {
            session.Send("* OK [CLOSED] Previous mailbox closed.");
        }

        if (command.QResync is not null && !session.QResyncEnabled)
        {
            session.Send($"{command.Tag} BAD ENABLE QRESYNC first.");
            return;
        }

        session.State = new ImapState.Authenticated(mailboxId, address);
        var folder = await session.Store.FindFolderAsync(mailboxId, command.Mailbox, cancellationToken).ConfigureAwait(false);
        if (folder is null)
        {
            session.Send($"{command.Tag} NO [NONEXISTENT] No such mailbox.");
            return;
        }

        session.CondStoreEnabled |= command.CondStore;

        // The shared snapshot, not the rows: SELECT needs UIDs, flags and keywords only. Mail that arrived after the
        // folder row was read (UID >= UIDNEXT) is left for the next update, as an EXISTS beyond HIGHESTMODSEQ.
        var snapshot = await session.Services.States.CurrentAsync(folder.Id, cancellationToken).ConfigureAwait(false);
        var uids = new List<long>(snapshot.Count);
        var firstUnseen = 0;
        foreach (var state in snapshot.Items)
        {
            if (state.Uid >= folder.UidNext)
            {
                break;
            }

            uids.Add(state.Uid);
            if (firstUnseen == 0 && (state.Flags & MessageFlags.Seen) == 0)
            {
                firstUnseen = uids.Count;
            }
        }

        var readOnly = command.Verb == "EXAMINE";
        var selected = new SelectedFolder(folder.Id, folder.Name, folder.UidValidity, readOnly, uids, folder.HighestModSeq);
        session.State = new ImapState.Selected(mailboxId, address, selected);

        selected.Keywords.UnionWith(snapshot.Keywords);
        SendFlags(session, selected);

        // RFC 3501 §7.1: \* says clients may create keywords, which are kept.
        session.Send(readOnly ? "* OK [PERMANENTFLAGS ()] Read-only." : $"* OK [PERMANENTFLAGS ({FlagList(selected)} \\*)] Flags and keywords are kept.");
        session.Send($"* {ImapFormat.Number(uids.Count)} EXISTS");
        if (!session.Rev2Enabled)
        {
            // RFC 9051 appendix E: IMAP4rev2 has no \Recent, no RECENT response and no UNSEEN response code.
            session.Send("* 0 RECENT");
            if (firstUnseen != 0)
            {
                session.Send($"* OK [UNSEEN {ImapFormat.Number(firstUnseen)}] First unseen.");
            }
        }

        session.Send($"* OK [UIDVALIDITY {ImapFormat.Number(folder.UidValidity)}] UIDs valid.");
        session.Send($"* OK [UIDNEXT {ImapFormat.Number(folder.UidNext)}] Predicted next UID.");
        session.Send($"* OK [HIGHESTMODSEQ {ImapFormat.Number(folder.HighestModSeq)}] Highest.");
        if (command.QResync is { } qresync && qresync.UidValidity == folder.UidValidity)
        {
            await QResyncAsync(session, selected, qresync, cancellationToken).ConfigureAwait(false);
        }

        if (session.Rev2Enabled)
        {
            // RFC 9051 §6.3.2: the reply includes a LIST response for the mailbox.
            session.Send($"* LIST () \"/\" {session.WireName(folder.Name)}");
        }

        session.ReportDevice(synced: true);
        session.Send($"{command.Tag} OK [{(readOnly ? "READ-ONLY" : "READ-WRITE")}] {command.Verb} completed.");
    }

    /// <summary>RFC 7162 §3.2.5.2: what vanished and what changed since the client's MODSEQ, from the change journal.</summary>
    private static async Task QResyncAsync(ImapSession session, SelectedFolder selected, ImapCommand.QResyncParameters qresync, CancellationToken cancellationToken)
    {
        var known = qresync.KnownUids;
        var largestKnown = selected.UidsLargestOrZero(qresync);
        var changes = await session.Services.Journal.ChangesSinceAsync(selected.Id, qresync.ModSeq, cancellationToken).ConfigureAwait(false);
        List<long> vanished;
        HashSet<long> changed;
        if (changes.ResyncRequired)
        {
            // The journal no longer reaches back that far: every known UID not present vanished, every message may have changed.
            var present = selected.Uids.ToHashSet();
            vanished = known is null ? [] : Enumerate(known, largestKnown).Where(u => !present.Contains(u)).ToList();
            changed = present;
        }
        else
        {
            vanished = changes.Changes.Where(c => c.Kind == ChangeKind.Deleted && selected.SequenceOf(c.Uid) == 0 && (known is null || known.Contains(c.Uid, largestKnown)))
                .Select(c => c.Uid).Distinct().Order().ToList();
            changed = changes.Changes.Where(c => c.Kind != ChangeKind.Deleted && selected.SequenceOf(c.Uid) > 0).Select(c => c.Uid).ToHashSet();
        }

        if (vanished.Count > 0)
        {
            session.Send("* VANISHED (EARLIER) " + SequenceSet.Format(vanished));
        }

        if (changed.Count > 0)
        {
            var snapshot = await session.Services.States.CurrentAsync(selected.Id, cancellationToken).ConfigureAwait(false);
            foreach (var uid in changed.Order())
            {
                if (snapshot.TryGet(uid, out var message))
                {
                    session.Send($"* {ImapFormat.Number(selected.SequenceOf(uid))} FETCH (UID {ImapFormat.Number(uid)} FLAGS ({ImapFormat.Flags(message.Flags, message.Keywords)}) MODSEQ ({ImapFormat.Number(message.ModSeq)}))");
                }
            }
        }
    }

    private static IEnumerable<long> Enumerate(SequenceSet set, long largest)
    {
        for (var uid = 1L; uid <= largest; uid++)
        {
            if (set.Contains(uid, largest))
            {
                yield return uid;
            }
        }
    }

    /// <summary>The FLAGS response: system flags and the keywords in use (RFC 9051 §7.3.5).</summary>
    public static void SendFlags(ImapSession session, SelectedFolder folder) => session.Send($"* FLAGS ({FlagList(folder)})");

    private static string FlagList(SelectedFolder folder) =>
        folder.Keywords.Count == 0 ? SystemFlags : SystemFlags + " " + string.Join(' ', folder.Keywords.Order(StringComparer.Ordinal));

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
