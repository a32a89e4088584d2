using Portal.Core.Mail;

namespace Portal.Protocols.Imap.Session;

/// <summary>
/// The message states (UID, MODSEQ, flags, keywords, size, dates) of one folder as of <see cref="ModSeq"/>, in UID
/// order. Never changed once made, so sessions read it without locks; <see cref="Apply"/> makes the next one.
/// </summary>
internal sealed class FolderSnapshot
{
    private readonly MessageState[] _items;
    private IReadOnlyList<string>? _keywords;

    private FolderSnapshot(MessageState[] items, int count, long modSeq)
    {
        _items = items;
        Count = count;
        ModSeq = modSeq;
    }

    public static FolderSnapshot Empty { get; } = new([], 0, 0);

    public int Count { get; }

    /// <summary>Every change up to this MODSEQ is in the snapshot (some later ones may be too).</summary>
    public long ModSeq { get; }

    public ReadOnlySpan<MessageState> Items => _items.AsSpan(0, Count);

    /// <summary>The state at a position (0 to <see cref="Count"/> - 1) in UID order.</summary>
    public MessageState this[int index] => index < Count ? _items[index] : throw new ArgumentOutOfRangeException(nameof(index));

    /// <summary>The keywords set on at least one message (the FLAGS response, RFC 9051 §7.3.5), without case duplicates.</summary>
    public IReadOnlyList<string> Keywords => _keywords ??= CollectKeywords();

    public static FolderSnapshot From(FolderStates states)
    {
        ArgumentNullException.ThrowIfNull(states);
        var items = states.Changed.ToArray();
        return new FolderSnapshot(items, items.Length, states.HighestModSeq);
    }

    public bool TryGet(long uid, out MessageState state)
    {
        var index = IndexOf(uid);
        state = index >= 0 ? _items[index] : default;
        return index >= 0;
    }

    /// <summary>The next snapshot: <paramref name="delta"/>'s changed states merged in by UID, its expunged UIDs removed.</summary>
    public FolderSnapshot Apply(FolderStates delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        if (delta.Complete)
        {
            return From(delta);
        }

        var modSeq = Math.Max(ModSeq, delta.HighestModSeq);
        var changed = delta.Changed;
        if (delta.Expunged.Count == 0 && (changed.Count == 0 || Count == 0 || changed[0].Uid > _items[Count - 1].Uid))
        {
            // New mail only: written after this snapshot's end, which no reader of it looks at; the array is shared.
            var items = _items;
            if (Count + changed.Count > items.Length)
            {
                items = new MessageState[Math.Max(Count + changed.Count, Math.Max(16, items.Length * 2))];
                Array.Copy(_items, items, Count);
            }

            for (var i = 0; i < changed.Count; i++)
            {
                items[Count + i] = changed[i];
            }

            return new FolderSnapshot(items, Count + changed.Count, modSeq);
        }

        var expunged = delta.Expunged.ToHashSet();
        var merged = new MessageState[Math.Max(16, Count + changed.Count)];
        var count = 0;
        var c = 0;
        for (var i = 0; i < Count; i++)
        {
            var current = _items[i];
            while (c < changed.Count && changed[c].Uid < current.Uid)
            {
                Add(changed[c++]);
            }

            if (c < changed.Count && changed[c].Uid == current.Uid)
            {
                current = changed[c++];
            }

            Add(current);
        }

        while (c < changed.Count)
        {
            Add(changed[c++]);
        }

        return new FolderSnapshot(merged, count, modSeq);

        void Add(MessageState state)
        {
            if (!expunged.Contains(state.Uid))
            {
                merged[count++] = state;
            }
        }
    }

    private int IndexOf(long uid)
    {
        int low = 0, high = Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var found = _items[middle].Uid;
            if (found == uid)
            {
                return middle;
            }

            if (found < uid)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return -1;
    }

    private List<string> CollectKeywords()
    {
        var keywords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var item in Items)
        {
            if (item.Keywords.Length > 0 && !ReferenceEquals(item.Keywords, last))
            {
                last = item.Keywords;
                keywords.UnionWith(item.Keywords.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        return keywords.Order(StringComparer.Ordinal).ToList();
    }
}
