using System.Text;

namespace Portal.Protocols.Imap.Commands;

/// <summary>
/// The RFC 5256 §2.1 base subject, shared by SORT (SUBJECT) and THREAD: the subject without reply/forward leaders,
/// list tags and "(fwd)" trailers, case-folded (upper case, invariant) so equal subjects compare equal ordinally.
/// </summary>
internal readonly record struct BaseSubject(string Text, bool IsReplyOrForward)
{
    public static BaseSubject Of(string? subject)
    {
        // Step 1: the subject is already decoded (stored that way); fold whitespace runs to one space.
        var s = CollapseWhitespace(subject ?? string.Empty).ToUpperInvariant();
        var replyOrForward = false;
        while (true)
        {
            // Step 2: trailing "(fwd)" and whitespace.
            while (true)
            {
                s = s.TrimEnd(' ');
                if (!s.EndsWith("(FWD)", StringComparison.Ordinal))
                {
                    break;
                }

                s = s[..^5];
                replyOrForward = true;
            }

            // Steps 3-5: leaders ("Re:", "[list] Fwd:", whitespace), then one leading blob if text remains after it.
            bool changed;
            do
            {
                changed = false;
                while (Leader(s) is { } leader)
                {
                    replyOrForward |= leader.IsReplyOrForward;
                    s = s[leader.Length..];
                    changed = true;
                }

                if (s.Length > 0 && s[0] == '[' && Blob(s, 0) is var end && end > 0 && end < s.Length)
                {
                    s = s[end..];
                    changed = true;
                }
            }
            while (changed);

            // Step 6: "[Fwd: ...]" around the whole subject is removed and the extraction runs again from step 2.
            if (s.StartsWith("[FWD:", StringComparison.Ordinal) && s.EndsWith(']'))
            {
                s = s[5..^1];
                replyOrForward = true;
                continue;
            }

            return new BaseSubject(s, replyOrForward);
        }
    }

    /// <summary>A subj-leader at the start: one space, or *subj-blob ("re" / "fw" / "fwd") *WSP [subj-blob] ":".</summary>
    private static (int Length, bool IsReplyOrForward)? Leader(string s)
    {
        if (s.StartsWith(' '))
        {
            return (1, false);
        }

        var at = 0;
        while (Blob(s, at) is var end && end > 0)
        {
            at = end;
        }

        foreach (var word in (ReadOnlySpan<string>)["RE", "FWD", "FW"])
        {
            if (string.CompareOrdinal(s, at, word, 0, word.Length) != 0)
            {
                continue;
            }

            var pos = at + word.Length;
            while (pos < s.Length && s[pos] == ' ')
            {
                pos++;
            }

            if (Blob(s, pos) is var blobEnd && blobEnd > 0)
            {
                pos = blobEnd;
            }

            if (pos < s.Length && s[pos] == ':')
            {
                return (pos + 1, true);
            }
        }

        return null;
    }

    /// <summary>The end of a subj-blob ("[" *BLOBCHAR "]" *WSP) starting at <paramref name="at"/>, or 0 when there is none.</summary>
    private static int Blob(string s, int at)
    {
        if (at >= s.Length || s[at] != '[')
        {
            return 0;
        }

        var pos = at + 1;
        while (pos < s.Length && s[pos] is not ('[' or ']'))
        {
            pos++;
        }

        if (pos >= s.Length || s[pos] != ']')
        {
            return 0;
        }

        pos++;
        while (pos < s.Length && s[pos] == ' ')
        {
            pos++;
        }

        return pos;
    }

    private static string CollapseWhitespace(string subject)
    {
        var builder = new StringBuilder(subject.Length);
        var space = false;
        foreach (var c in subject)
        {
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                space = true;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        if (space)
        {
            builder.Append(' ');
        }

        return builder.ToString();
    }
}
