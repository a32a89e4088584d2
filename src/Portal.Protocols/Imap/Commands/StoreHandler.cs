using Portal.Core.Mail;
using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>STORE and UID STORE of flags, with .SILENT (RFC 3501 §6.4.6) and UNCHANGEDSINCE (RFC 7162 §3.1.3).</summary>
internal static class StoreHandler
{
    public static async Task RunAsync(ImapSession session, ImapCommand.Store command, CancellationToken cancellationToken)
    {
        var folder = session.Selected!;
        if (folder.ReadOnly)
        {
            session.Send($"{command.Tag} NO [READ-ONLY] The mailbox is read-only.");
            return;
        }

        if (SetResolver.Resolve(folder, command.Set, command.ByUid) is not { } uids)
        {
            session.Send($"{command.Tag} BAD Message sequence number out of range.");
            return;
        }

        var (flags, keywords, unknown) = ImapFormat.ParseFlags(command.Flags);
        if (unknown is not null)
        {
            session.Send($"{command.Tag} BAD Unknown system flag {unknown}.");
            return;
        }

        var modified = new List<long>();
        if (command.UnchangedSince is { } since && uids.Count > 0)
        {
            // RFC 7162 §3.1.3: messages changed after the given MODSEQ are left alone and reported as MODIFIED.
            session.CondStoreEnabled = true;
            var current = await session.Store.ListSummariesAsync(folder.Id, cancellationToken).ConfigureAwait(false);
            var wanted = uids.ToHashSet();
            modified = current.Where(s => wanted.Contains(s.Uid) && s.ModSeq > since).Select(s => s.Uid).ToList();
            uids = uids.Except(modified).ToList();
        }

        // Keywords are kept (PERMANENTFLAGS lists \*); a keyword new to the folder gets a FLAGS response first (RFC 9051 §7.3.5).
        var mode = command.Mode switch { '+' => FlagChangeMode.Add, '-' => FlagChangeMode.Remove, _ => FlagChangeMode.Replace };
        var changed = uids.Count == 0 ? [] : await session.Store.SetFlagsAsync(folder.Id, uids, flags, keywords, mode, cancellationToken).ConfigureAwait(false);
        if (mode != FlagChangeMode.Remove && keywords.Any(k => !folder.Keywords.Contains(k)))
        {
            folder.Keywords.UnionWith(keywords);
            SelectCommands.SendFlags(session, folder);
        }

        foreach (var message in changed)
        {
            folder.OwnModSeqs.Add(message.ModSeq);
        }

        if (!command.Silent || session.CondStoreEnabled)
        {
            // RFC 7162 §3.1.3: with CONDSTORE even .SILENT returns the new MODSEQ. Unchanged messages report their flags too.
            var byUid = changed.ToDictionary(m => m.Uid);
            var report = command.Silent ? changed.Select(m => m.Uid).ToList() : uids;
            var untouched = report.Where(u => !byUid.ContainsKey(u)).ToList();
            var others = untouched.Count == 0 ? [] : (await session.Store.ListMessagesAsync(folder.Id, untouched.Min(), untouched.Max(), cancellationToken).ConfigureAwait(false))
                .Where(m => untouched.Contains(m.Uid)).ToDictionary(m => m.Uid);
            foreach (var uid in report)
            {
                if (!byUid.TryGetValue(uid, out var message) && !others.TryGetValue(uid, out message))
                {
                    continue;
                }

                var uidItem = command.ByUid ? $" UID {ImapFormat.Number(uid)}" : string.Empty;
                var modSeq = session.CondStoreEnabled ? $" MODSEQ ({ImapFormat.Number(message.ModSeq)})" : string.Empty;
                var flagsItem = command.Silent ? string.Empty : $"FLAGS ({ImapFormat.Flags(message.Flags, message.Keywords)})";
                var items = string.Join(' ', new[] { flagsItem, uidItem.Trim(), modSeq.Trim() }.Where(s => s.Length > 0));
                session.Send($"* {ImapFormat.Number(folder.SequenceOf(uid))} FETCH ({items})");
            }
        }

        var verb = command.ByUid ? "UID STORE" : "STORE";
        session.Send(modified.Count > 0
            ? $"{command.Tag} OK [MODIFIED {SequenceSet.Format(command.ByUid ? modified : modified.Select(u => (long)folder.SequenceOf(u)))}] Conditional {verb} failed for some messages."
            : $"{command.Tag} OK {verb} completed.");
    }
}
