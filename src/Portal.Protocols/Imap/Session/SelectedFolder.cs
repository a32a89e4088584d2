namespace Portal.Protocols.Imap.Session;

/// <summary>
/// What a session knows of its selected folder: the UIDs in sequence-number order and the MODSEQ up to which
/// the client was told about changes (RFC 3501 §2.3.1.2). No message bodies or headers are kept.
/// </summary>
public sealed class SelectedFolder(Guid id, string name, long uidValidity, bool readOnly, List<long> uids, long knownModSeq)
{
    public Guid Id { get; } = id;

    public string Name { get; set; } = name;

    public long UidValidity { get; } = uidValidity;

    public bool ReadOnly { get; } = readOnly;

    /// <summary>UIDs in ascending order; index + 1 is the message sequence number.</summary>
    public List<long> Uids { get; } = uids;

    public long KnownModSeq { get; set; } = knownModSeq;

    /// <summary>MODSEQs this session produced itself: their flag changes were already reported in the STORE reply.</summary>
    public HashSet<long> OwnModSeqs { get; } = [];

    /// <summary>Keywords the client was told of in the last FLAGS response (RFC 9051 §7.3.5); a new one means a new FLAGS response.</summary>
    public HashSet<string> Keywords { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// RFC 5182: the UIDs the last SEARCH/SORT RETURN (SAVE) kept, what "$" stands for until the folder is left. UIDs
    /// are never reused within a UIDVALIDITY, so an expunged one simply no longer resolves.
    /// </summary>
    public IReadOnlyCollection<long> SavedUids { get; set; } = [];

    public long LargestUid => Uids.Count == 0 ? 0 : Uids[^1];

    /// <summary>"$" bound to the saved UIDs; any other set as it is.</summary>
    public Parsing.SequenceSet Bind(Parsing.SequenceSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return set.IsSaved ? Parsing.SequenceSet.OfUids(SavedUids) : set;
    }

    /// <summary>The largest UID the client may know of: the end of its known-UIDs set, bounded by what this folder ever gave out.</summary>
    public long UidsLargestOrZero(Parsing.ImapCommand.QResyncParameters qresync)
    {
        ArgumentNullException.ThrowIfNull(qresync);
        var ceiling = Math.Max(LargestUid, qresync.KnownUids?.Ranges.Max(r => Math.Max(r.From == Parsing.SequenceSet.Star ? 0 : r.From, r.To == Parsing.SequenceSet.Star ? 0 : r.To)) ?? 0);
        return Math.Min(ceiling, LargestUid + 100_000);
    }

    /// <summary>The sequence number of a UID, or 0 when the session does not know it.</summary>
    public int SequenceOf(long uid)
    {
        var index = Uids.BinarySearch(uid);
        return index < 0 ? 0 : index + 1;
    }
}
