using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>COPY and MOVE (and their UID forms) with COPYUID (RFC 3501 §6.4.7, RFC 6851, RFC 4315 §3).</summary>
internal static class CopyHandler
{
    public static async Task RunAsync(ImapSession session, ImapCommand.Copy command, CancellationToken cancellationToken)
    {
        var folder = session.Selected!;
        var verb = (command.ByUid ? "UID " : string.Empty) + (command.Move ? "MOVE" : "COPY");
        if (command.Move && folder.ReadOnly)
        {
            session.Send($"{command.Tag} NO [READ-ONLY] The mailbox is read-only.");
            return;
        }

        if (SetResolver.Resolve(folder, command.Set, command.ByUid) is not { } uids)
        {
            session.Send($"{command.Tag} BAD Message sequence number out of range.");
            return;
        }

        var target = await session.Store.FindFolderAsync(session.MailboxId, command.Mailbox, cancellationToken).ConfigureAwait(false);
        if (target is null)
        {
            session.Send($"{command.Tag} NO [TRYCREATE] No such mailbox.");
            return;
        }

        if (uids.Count == 0)
        {
            session.Send($"{command.Tag} OK {verb} completed (nothing to do).");
            return;
        }

        var pairs = command.Move
            ? await session.Store.MoveAsync(folder.Id, uids, target.Id, cancellationToken).ConfigureAwait(false)
            : await session.Store.CopyAsync(folder.Id, uids, target.Id, cancellationToken).ConfigureAwait(false);
        var copyUid = pairs.Count == 0
            ? string.Empty
            : $"[COPYUID {ImapFormat.Number(target.UidValidity)} {SequenceSet.Format(pairs.Select(p => p.SourceUid))} {SequenceSet.Format(pairs.Select(p => p.TargetUid))}] ";
        if (command.Move)
        {
            // RFC 6851 §4.3: COPYUID goes in an untagged OK before the EXPUNGEs.
            if (copyUid.Length > 0)
            {
                session.Send($"* OK {copyUid.TrimEnd()} Moved.");
            }

            session.SendExpunges(folder, pairs.Select(p => p.SourceUid));
            await session.SendUpdatesAsync(command.ByUid, cancellationToken).ConfigureAwait(false);
            session.Send($"{command.Tag} OK {verb} completed.");
            return;
        }

        await session.SendUpdatesAsync(command.ByUid, cancellationToken).ConfigureAwait(false);
        session.Send($"{command.Tag} OK {copyUid}{verb} completed.");
    }
}
