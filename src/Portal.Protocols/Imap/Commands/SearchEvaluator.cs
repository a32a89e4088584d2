using MimeKit;
using Portal.Core.Mail;
using Portal.Core.Mail.Search;
using Portal.Protocols.Imap.Parsing;

namespace Portal.Protocols.Imap.Commands;

/// <summary>
/// Decides whether one message matches a search key (RFC 3501 §6.4.4). Flags, sizes and dates come from its state;
/// FROM, TO, CC, BCC, SUBJECT, BODY and TEXT from the search index's answers (<paramref name="indexed"/>, UIDs per
/// key); any other HEADER reads the message through its <paramref name="row"/> (null: it matches nothing).
/// </summary>
internal sealed class SearchEvaluator(IMessageStore store, MessageState message, Message? row, int sequence, int count, long largestUid, IReadOnlyDictionary<SearchKey, HashSet<long>> indexed)
{
    private MimeMessage? _parsed;
    private bool _loaded;

    /// <summary>The match for a key without HEADER fields the index lacks: from the state and the index's answers only.</summary>
    public static bool MatchesState(SearchKey key, MessageState message, int sequence, int count, long largestUid, IReadOnlyDictionary<SearchKey, HashSet<long>> indexed)
    {
        switch (key)
        {
            case SearchKey.And and:
                foreach (var inner in and.Keys)
                {
                    if (!MatchesState(inner, message, sequence, count, largestUid, indexed))
                    {
                        return false;
                    }
                }

                return true;
            case SearchKey.Not not:
                return !MatchesState(not.Key, message, sequence, count, largestUid, indexed);
            case SearchKey.Or or:
                return MatchesState(or.Left, message, sequence, count, largestUid, indexed) || MatchesState(or.Right, message, sequence, count, largestUid, indexed);
            default:
                return MatchesLeaf(key, message, sequence, count, largestUid, indexed) ?? false;
        }
    }

    /// <summary>A key that needs no reading, or null when it does (a HEADER field the index lacks).</summary>
    private static bool? MatchesLeaf(SearchKey key, MessageState message, int sequence, int count, long largestUid, IReadOnlyDictionary<SearchKey, HashSet<long>> indexed) => key switch
    {
        SearchKey.All => true,
        SearchKey.None => false,
        SearchKey.Flag flag => message.Flags.HasFlag(FlagOf(flag.Name)) == flag.IsSet,
        SearchKey.Keyword keyword => HasKeyword(message, keyword.Name) == keyword.IsSet,
        SearchKey.Size size => size.Larger ? message.Size > size.Value : message.Size < size.Value,
        SearchKey.Uid uid => uid.Set.Contains(message.Uid, largestUid),
        SearchKey.Sequence set => set.Set.Contains(sequence, count),
        SearchKey.ModSeq modSeq => message.ModSeq >= modSeq.Value,
        SearchKey.Date date => MatchesDate(message, date),
        SearchKey.Header or SearchKey.Text when indexed.TryGetValue(key, out var uids) => uids.Contains(message.Uid),
        SearchKey.Header => null,
        _ => false,
    };

    private static bool HasKeyword(MessageState message, string name) =>
        message.Keywords.Length > 0 && message.Keywords.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(name, StringComparer.OrdinalIgnoreCase);

    public async Task<bool> MatchesAsync(SearchKey key, CancellationToken cancellationToken)
    {
        switch (key)
        {
            case SearchKey.And and:
                foreach (var inner in and.Keys)
                {
                    if (!await MatchesAsync(inner, cancellationToken).ConfigureAwait(false))
                    {
                        return false;
                    }
                }

                return true;
            case SearchKey.Not not:
                return !await MatchesAsync(not.Key, cancellationToken).ConfigureAwait(false);
            case SearchKey.Or or:
                return await MatchesAsync(or.Left, cancellationToken).ConfigureAwait(false) || await MatchesAsync(or.Right, cancellationToken).ConfigureAwait(false);
            case SearchKey.Header header when MatchesLeaf(key, message, sequence, count, largestUid, indexed) is null:
                return await MatchesHeaderAsync(header, cancellationToken).ConfigureAwait(false);
            default:
                return MatchesLeaf(key, message, sequence, count, largestUid, indexed) ?? false;
        }
    }

    private static bool MatchesDate(MessageState message, SearchKey.Date key)
    {
        // RFC 3501 §6.4.4: dates compare without time and timezone.
        DateTime? value = key.Sent ? message.SentDateUtc : message.InternalDateUtc;
        if (value is not { } when)
        {
            return false;
        }

        var day = DateOnly.FromDateTime(when);
        return key.Comparison switch
        {
            DateComparison.Before => day < key.Value,
            DateComparison.On => day == key.Value,
            _ => day >= key.Value,
        };
    }

    /// <summary>The header fields the search index holds, by their IMAP search key name.</summary>
    public static SearchField? IndexedField(string field) => field switch
    {
        "FROM" => SearchField.From,
        "TO" => SearchField.To,
        "CC" => SearchField.Cc,
        "BCC" => SearchField.Bcc,
        "SUBJECT" => SearchField.Subject,
        _ => null,
    };

    private async Task<bool> MatchesHeaderAsync(SearchKey.Header key, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken).ConfigureAwait(false) is not { } parsed)
        {
            return false;
        }

        // RFC 3501: HEADER with an empty string matches every message that has the field.
        return parsed.Headers.Where(h => h.Field.Equals(key.Field, StringComparison.OrdinalIgnoreCase)).Any(h => key.Value.Length == 0 || Contains(h.Value, key.Value));
    }

    private async Task<MimeMessage?> LoadAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return _parsed;
        }

        _loaded = true;
        if (row is null)
        {
            return null;
        }

        var raw = await store.OpenContentAsync(row, cancellationToken).ConfigureAwait(false);
        await using (raw.ConfigureAwait(false))
        {
            try
            {
                _parsed = await MimeMessage.LoadAsync(raw, cancellationToken).ConfigureAwait(false);
            }
            catch (FormatException)
            {
                _parsed = null;
            }
        }

        return _parsed;
    }

    private static bool Contains(string haystack, string needle) => haystack.Contains(needle, StringComparison.OrdinalIgnoreCase);

    private static MessageFlags FlagOf(string name) => name switch
    {
        "ANSWERED" => MessageFlags.Answered,
        "DELETED" => MessageFlags.Deleted,
        "DRAFT" => MessageFlags.Draft,
        "FLAGGED" => MessageFlags.Flagged,
        _ => MessageFlags.Seen,
    };
}
