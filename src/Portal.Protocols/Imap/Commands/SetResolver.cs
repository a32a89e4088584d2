using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>Turns a sequence set into the UIDs it names in the session's view (RFC 3501 §6.4.8, §9 seq-number).</summary>
internal static class SetResolver
{
    /// <summary>UIDs in ascending order; null when a message sequence number is out of range (a BAD for the client).</summary>
    public static List<long>? Resolve(SelectedFolder folder, SequenceSet set, bool byUid)
    {
        if (set.IsSaved)
        {
            // RFC 5182 §2.1: "$" names the saved UIDs, in a UID command or not; messages expunged since are left out.
            var saved = folder.Bind(set);
            return folder.Uids.Where(uid => saved.Contains(uid, folder.LargestUid)).ToList();
        }

        var all = folder.Uids;
        var count = all.Count;
        if (!byUid)
        {
            foreach (var (from, to) in set.Ranges)
            {
                if ((from != SequenceSet.Star && from > count) || (to != SequenceSet.Star && to > count))
                {
                    return null;
                }
            }
        }

        // Each range becomes a span of positions in the session's UID list (a binary search for UID ranges), and the
        // spans are merged: the cost follows the ranges and the answer, not the folder (no test per message).
        var spans = new List<(int Start, int End)>(set.Ranges.Count);
        foreach (var (from, to) in set.Ranges)
        {
            // RFC 3501 §6.4.8: in a UID set, "*" is the largest UID in use; UIDs that do not exist are ignored.
            var star = byUid ? folder.LargestUid : count;
            var a = from == SequenceSet.Star ? star : from;
            var b = to == SequenceSet.Star ? star : to;
            var (low, high) = (Math.Min(a, b), Math.Max(a, b));
            var span = byUid
                ? (Start: FirstAtOrAbove(all, low), End: FirstAtOrAbove(all, high == long.MaxValue ? high : high + 1))
                : (Start: (int)Math.Max(low - 1, 0), End: (int)Math.Min(high, count));
            if (span.Start < span.End)
            {
                spans.Add(span);
            }
        }

        spans.Sort();

        // Sized once (an upper bound when spans overlap): "1:*" on a large folder is a large-object-heap list, and letting
        // it grow by doubling allocated about twice its size on each full flag sync.
        var uids = new List<long>(Math.Min(count, spans.Sum(s => s.End - s.Start)));
        var next = 0;
        foreach (var (start, end) in spans)
        {
            for (var i = Math.Max(start, next); i < end; i++)
            {
                uids.Add(all[i]);
            }

            next = Math.Max(next, end);
        }

        return uids;
    }

    /// <summary>The position of the first UID not below <paramref name="uid"/> (the count when there is none).</summary>
    private static int FirstAtOrAbove(List<long> uids, long uid)
    {
        var index = uids.BinarySearch(uid);
        return index >= 0 ? index : ~index;
    }
}
