using Portal.Core.Mail;
using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>SORT and UID SORT (RFC 5256 §3) over the search results, ties broken by sequence number.</summary>
internal static class SortHandler
{
    public static async Task RunAsync(ImapSession session, ImapCommand.Sort command, CancellationToken cancellationToken)
    {
        var matches = await SearchHandler.MatchAsync(session, command.Key, cancellationToken).ConfigureAwait(false);
        var rows = await SearchHandler.RowsAsync(session, matches, cancellationToken).ConfigureAwait(false);
        var keyed = matches.Where(m => rows.ContainsKey(m.State.Uid))
            .Select(m => (Message: rows[m.State.Uid], m.Sequence, Envelope: StructureFormatter.ReadEnvelope(rows[m.State.Uid].Envelope))).ToList();
        keyed.Sort((a, b) =>
        {
            foreach (var (key, reverse) in command.Criteria)
            {
                var order = Compare(key, a.Message, a.Envelope, b.Message, b.Envelope);
                if (order != 0)
                {
                    return reverse ? -order : order;
                }
            }

            return a.Sequence.CompareTo(b.Sequence);
        });
        var numbers = keyed.Select(k => command.ByUid ? k.Message.Uid : k.Sequence);
        session.Send("* SORT" + string.Concat(numbers.Select(n => " " + ImapFormat.Number(n))));
        session.Send($"{command.Tag} OK {(command.ByUid ? "UID " : string.Empty)}SORT completed.");
    }

    private static int Compare(string key, Message a, MessageEnvelope? ea, Message b, MessageEnvelope? eb) => key switch
    {
        "ARRIVAL" => a.InternalDateUtc.CompareTo(b.InternalDateUtc),
        "DATE" => (a.SentDateUtc ?? a.InternalDateUtc).CompareTo(b.SentDateUtc ?? b.InternalDateUtc),
        "SIZE" => a.Size.CompareTo(b.Size),
        "SUBJECT" => string.CompareOrdinal(BaseSubject.Of(a.Subject).Text, BaseSubject.Of(b.Subject).Text),
        "FROM" => string.CompareOrdinal(FirstMailbox(ea?.From), FirstMailbox(eb?.From)),
        "TO" => string.CompareOrdinal(FirstMailbox(ea?.To), FirstMailbox(eb?.To)),
        _ => string.CompareOrdinal(FirstMailbox(ea?.Cc), FirstMailbox(eb?.Cc)),
    };

    /// <summary>RFC 5256 §3: the local part of the first address, case-folded.</summary>
    private static string FirstMailbox(IReadOnlyList<EnvelopeAddress>? addresses) =>
        addresses is { Count: > 0 } ? (addresses[0].Mailbox ?? string.Empty).ToUpperInvariant() : string.Empty;
}
