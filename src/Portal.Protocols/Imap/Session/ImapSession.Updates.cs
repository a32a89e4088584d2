using System.Globalization;
using Portal.Core.Changes;
using Portal.Protocols.Imap.Commands;

namespace Portal.Protocols.Imap.Session;

/// <summary>Untagged EXISTS, EXPUNGE and FETCH FLAGS for changes made by others, read from the change journal.</summary>
internal sealed partial class ImapSession
{
    /// <summary>
    /// Tells the client what changed in the selected folder since it was last told. RFC 3501 §7.4.1: EXPUNGE is not
    /// sent during FETCH, STORE or SEARCH, so those commands do not call this; the others call it before their tagged reply.
    /// </summary>
    public async Task SendUpdatesAsync(bool byUid, CancellationToken cancellationToken, long? wokenBy = null)
    {
        if (Selected is not { } folder)
        {
            return;
        }

        ChangeSet changes;
        try
        {
            changes = wokenBy is { } target && target > folder.KnownModSeq
                ? await Services.SharedChangesSinceAsync(folder.Id, folder.KnownModSeq, target).WaitAsync(cancellationToken).ConfigureAwait(false)
                : await Services.Journal.ChangesSinceAsync(folder.Id, folder.KnownModSeq, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyNotFoundException)
        {
            return;
        }
        catch (InvalidOperationException)
        {
            // The folder was deleted by another session.
            return;
        }

        if (changes.ResyncRequired)
        {
            await ResyncAsync(folder, cancellationToken).ConfigureAwait(false);
            return;
        }

        var expunged = new List<long>();
        var added = new List<long>();
        var changed = new List<long>();
        foreach (var change in changes.Changes)
        {
            switch (change.Kind)
            {
                case ChangeKind.Deleted when folder.SequenceOf(change.Uid) > 0:
                    expunged.Add(change.Uid);
                    break;
                case ChangeKind.Added when change.Uid > folder.LargestUid:
                    added.Add(change.Uid);
                    break;
                case ChangeKind.Changed when folder.SequenceOf(change.Uid) > 0 && !folder.OwnModSeqs.Contains(change.ChangeNumber):
                    changed.Add(change.Uid);
                    break;
            }
        }

        folder.OwnModSeqs.Clear();
        folder.KnownModSeq = changes.CurrentChangeNumber;
        SendExpunges(folder, expunged);
        if (added.Count > 0)
        {
            folder.Uids.AddRange(added.Order());
            Send($"* {folder.Uids.Count.ToString(CultureInfo.InvariantCulture)} EXISTS");
        }

        if (changed.Count > 0)
        {
            FolderSnapshot snapshot;
            try
            {
                snapshot = await Services.States.CurrentAsync(folder.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (KeyNotFoundException)
            {
                return;
            }

            var messages = new List<Core.Mail.MessageState>(changed.Count);
            foreach (var uid in changed.Order())
            {
                if (snapshot.TryGet(uid, out var state))
                {
                    messages.Add(state);
                }
            }

            var newKeywords = messages.SelectMany(m => m.Keywords.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(k => !folder.Keywords.Contains(k)).ToList();
            if (newKeywords.Count > 0)
            {
                // RFC 9051 §7.3.5: another session introduced a keyword.
                folder.Keywords.UnionWith(newKeywords);
                SelectCommands.SendFlags(this, folder);
            }

            foreach (var message in messages)
            {
                var uid = byUid ? $" UID {message.Uid.ToString(CultureInfo.InvariantCulture)}" : string.Empty;
                var modSeq = CondStoreEnabled ? $" MODSEQ ({message.ModSeq.ToString(CultureInfo.InvariantCulture)})" : string.Empty;
                Send($"* {folder.SequenceOf(message.Uid).ToString(CultureInfo.InvariantCulture)} FETCH (FLAGS ({ImapFormat.Flags(message.Flags, message.Keywords)}){uid}{modSeq})");
            }
        }
    }

    /// <summary>Removes UIDs from the session's view and sends one EXPUNGE per message (RFC 3501 §7.4.1).</summary>
    public void SendExpunges(SelectedFolder folder, IEnumerable<long> uids)
    {
        if (QResyncEnabled)
        {
            // RFC 7162 §3.2.10: VANISHED with UIDs replaces EXPUNGE.
            var known = uids.Where(u => folder.SequenceOf(u) > 0).Order().ToList();
            foreach (var uid in known)
            {
                folder.Uids.RemoveAt(folder.SequenceOf(uid) - 1);
            }

            if (known.Count > 0)
            {
                Send("* VANISHED " + Parsing.SequenceSet.Format(known));
            }

            return;
        }

        foreach (var uid in uids.OrderDescending())
        {
            var sequence = folder.SequenceOf(uid);
            if (sequence == 0)
            {
                continue;
            }

            folder.Uids.RemoveAt(sequence - 1);
            Send($"* {sequence.ToString(CultureInfo.InvariantCulture)} EXPUNGE");
        }
    }

    private async Task ResyncAsync(SelectedFolder folder, CancellationToken cancellationToken)
    {
        var summaries = await Store.ListSummariesAsync(folder.Id, cancellationToken).ConfigureAwait(false);
        var present = summaries.Select(s => s.Uid).ToHashSet();
        SendExpunges(folder, folder.Uids.Where(u => !present.Contains(u)).ToList());
        var known = folder.LargestUid;
        var added = summaries.Where(s => s.Uid > known).Select(s => s.Uid).ToList();
        if (added.Count > 0)
        {
            folder.Uids.AddRange(added);
            Send($"* {folder.Uids.Count.ToString(CultureInfo.InvariantCulture)} EXISTS");
        }

        folder.KnownModSeq = summaries.Count == 0 ? folder.KnownModSeq : Math.Max(folder.KnownModSeq, summaries.Max(s => s.ModSeq));
    }
}
