using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>Turns a sequence set into the UIDs it names in the session's view (RFC 3501 §6.4.8, §9 seq-number).</summary>
internal static class SetResolver
{
    /// <summary>UIDs in ascending order; null when a message sequence number is out of range (a BAD for the client).</summary>
    public static List<long>? Resolve(SelectedFolder folder, SequenceSet set, bool byUid)
    {
        var uids = new List<long>();
        if (set.IsSaved)
        {
            // RFC 5182 §2.1: "$" names the saved UIDs, in a UID command or not; messages expunged since are left out.
            set = folder.Bind(set);
            byUid = true;
        }

        if (byUid)
        {
            // RFC 3501 §6.4.8: in a UID set, "*" is the largest UID in use; UIDs that do not exist are ignored.
            var largest = folder.LargestUid;
            foreach (var uid in folder.Uids)
            {
                if (set.Contains(uid, largest))
                {
                    uids.Add(uid);
                }
            }

            return uids;
        }

        var count = folder.Uids.Count;
        foreach (var (from, to) in set.Ranges)
        {
            if ((from != SequenceSet.Star && from > count) || (to != SequenceSet.Star && to > count))
            {
                return null;
            }
        }

        for (var i = 1; i <= count; i++)
        {
            if (set.Contains(i, count))
            {
                uids.Add(folder.Uids[i - 1]);
            }
        }

        return uids;
    }
}
