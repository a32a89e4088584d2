using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>THREAD and UID THREAD (RFC 5256 §4) over the search results: ORDEREDSUBJECT or REFERENCES.</summary>
internal static class ThreadHandler
{
    public static async Task RunAsync(ImapSession session, ImapCommand.Thread command, CancellationToken cancellationToken)
    {
        var matches = await SearchHandler.MatchAsync(session, command.Key, cancellationToken).ConfigureAwait(false);
        var rows = await SearchHandler.RowsAsync(session, matches, cancellationToken).ConfigureAwait(false);

        // The ids come from the message row (parsed at store time); a Date that could not be read falls back to the
        // INTERNALDATE (RFC 5256 §2.2).
        var messages = new List<ThreadMessage>(matches.Count);
        foreach (var (state, sequence) in matches)
        {
            if (rows.TryGetValue(state.Uid, out var row))
            {
                messages.Add(new ThreadMessage(
                    command.ByUid ? row.Uid : sequence,
                    sequence,
                    row.SentDateUtc ?? row.InternalDateUtc,
                    BaseSubject.Of(row.Subject),
                    MessageIds.Parse(row.MessageIdHeader) is [var id, ..] ? id : null,
                    MessageIds.ReferencesOf(row.References, row.InReplyTo)));
            }
        }

        var threads = command.Algorithm == ThreadAlgorithm.References ? ReferencesThreader.Build(messages) : OrderedSubjectThreader.Build(messages);
        session.Send("* THREAD" + ThreadNode.Format(threads));
        session.Send($"{command.Tag} OK {(command.ByUid ? "UID " : string.Empty)}THREAD completed.");
    }
}
