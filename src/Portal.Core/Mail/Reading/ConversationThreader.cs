using System.Text.RegularExpressions;

namespace Portal.Core.Mail.Reading;

/// <summary>
/// Groups messages into conversations: by Message-ID links (References and In-Reply-To, RFC 5322 §3.6.4), then
/// replies whose parents are not in the folder join a conversation of the same normalised subject ("Re: x" joins "x").
/// Conversations are ordered by their newest message, newest first; inside one, newest first too.
/// </summary>
public static partial class ConversationThreader
{
    public static IReadOnlyList<ConversationEntry> Order(IReadOnlyList<ThreadingKeys> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var parent = Enumerable.Range(0, messages.Count).ToArray();
        var byMessageId = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < messages.Count; i++)
        {
            if (Normalize(messages[i].MessageIdHeader) is { } id)
            {
                byMessageId.TryAdd(id, i);
            }
        }

        var linked = new bool[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            foreach (var id in IdsOf(messages[i].References).Append(Normalize(messages[i].InReplyTo)))
            {
                if (id is not null && byMessageId.TryGetValue(id, out var other) && other != i)
                {
                    Union(other, i);
                    linked[i] = true;
                }
            }
        }

        // A reply whose parent is missing joins the conversation that has its subject; plain subjects never merge.
        var bySubject = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < messages.Count; i++)
        {
            var (subject, isReply) = NormalizeSubject(messages[i].Subject);
            if (subject.Length > 0 && !isReply)
            {
                bySubject.TryAdd(subject, i);
            }
        }

        for (var i = 0; i < messages.Count; i++)
        {
            var (subject, isReply) = NormalizeSubject(messages[i].Subject);
            if (isReply && !linked[i] && subject.Length > 0)
            {
                if (bySubject.TryGetValue(subject, out var other))
                {
                    Union(other, i);
                }
                else
                {
                    bySubject[subject] = i;
                }
            }
        }

        var groups = Enumerable.Range(0, messages.Count).GroupBy(Find)
            .Select(g => g.OrderByDescending(i => messages[i].DateUtc).ThenByDescending(i => i).ToList())
            .OrderByDescending(g => messages[g[0]].DateUtc).ThenByDescending(g => g[0])
            .ToList();
        var result = new List<ConversationEntry>(messages.Count);
        for (var c = 0; c < groups.Count; c++)
        {
            for (var j = 0; j < groups[c].Count; j++)
            {
                result.Add(new ConversationEntry(messages[groups[c][j]].MessageId, c, groups[c].Count, j == 0));
            }
        }

        return result;

        int Find(int i)
        {
            while (parent[i] != i)
            {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }

            return i;
        }

        void Union(int a, int b) => parent[Find(a)] = Find(b);
    }

    /// <summary>The subject without reply and forward prefixes (Re:, Fwd:, AW:, SV:, "Re[2]:"), and whether it had one.</summary>
    public static (string Subject, bool IsReply) NormalizeSubject(string? subject)
    {
        var text = (subject ?? string.Empty).Trim();
        var isReply = false;
        while (ReplyPrefix().Match(text) is { Success: true } match)
        {
            text = text[match.Length..].TrimStart();
            isReply = true;
        }

        return (text, isReply);
    }

    private static IEnumerable<string?> IdsOf(string? references) =>
        string.IsNullOrEmpty(references) ? [] : references.Split([' ', '\t', '\r', '\n', ','], StringSplitOptions.RemoveEmptyEntries).Select(Normalize);

    private static string? Normalize(string? id)
    {
        var trimmed = id?.Trim().Trim('<', '>');
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    [GeneratedRegex(@"^(re|fw|fwd|aw|wg|sv|vs|tr|rv)(\[\d+\])?\s*:", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReplyPrefix();
}
