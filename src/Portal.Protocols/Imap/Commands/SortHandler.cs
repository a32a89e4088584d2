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
        // Each message's keys are worked out once, not per comparison, and only those the criteria use.
        var keys = command.Criteria.Select(c => c.Key).ToHashSet();
        var addresses = keys.Overlaps(["FROM", "TO", "CC"]);
        var keyed = matches.Where(m => rows.ContainsKey(m.State.Uid)).Select(m =>
        {
            var row = rows[m.State.Uid];
            var envelope = addresses ? StructureFormatter.ReadEnvelope(row.Envelope) : null;
            return new Keyed(row, m.Sequence, keys.Contains("SUBJECT") ? BaseSubject.Of(row.Subject).Text : string.Empty,
                FirstMailbox(envelope?.From), FirstMailbox(envelope?.To), FirstMailbox(envelope?.Cc));
        }).ToList();
        keyed.Sort((a, b) =>
        {
            foreach (var (key, reverse) in command.Criteria)
            {
                var order = Compare(key, a, b);
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

    private static int Compare(string key, Keyed a, Keyed b) => key switch
    {
        "ARRIVAL" => a.Message.InternalDateUtc.CompareTo(b.Message.InternalDateUtc),
        "DATE" => (a.Message.SentDateUtc ?? a.Message.InternalDateUtc).CompareTo(b.Message.SentDateUtc ?? b.Message.InternalDateUtc),
        "SIZE" => a.Message.Size.CompareTo(b.Message.Size),
        "SUBJECT" => string.CompareOrdinal(a.Subject, b.Subject),
        "FROM" => string.CompareOrdinal(a.From, b.From),
        "TO" => string.CompareOrdinal(a.To, b.To),
        _ => string.CompareOrdinal(a.Cc, b.Cc),
    };

    /// <summary>RFC 5256 §3: the local part of the first address, case-folded.</summary>
    private static string FirstMailbox(IReadOnlyList<EnvelopeAddress>? addresses) =>
        addresses is { Count: > 0 } ? (addresses[0].Mailbox ?? string.Empty).ToUpperInvariant() : string.Empty;

    /// <summary>A matched message with the sort keys it was given: base subject, and first mailbox of From, To and Cc.</summary>
    private sealed record Keyed(Message Message, long Sequence, string Subject, string From, string To, string Cc);
}
