namespace Portal.Core.Changes;

/// <summary>The one question every sync protocol asks: what changed in this collection since change number n?</summary>
public interface IChangeJournal
{
    Task<ChangeSet> ChangesSinceAsync(Guid collectionId, long changeNumber, CancellationToken cancellationToken = default);

    /// <summary>Removes journal entries at or below <paramref name="upTo"/> and raises the collection's floor.</summary>
    Task<int> TrimAsync(Guid collectionId, long upTo, CancellationToken cancellationToken = default);

    /// <summary>Trims, in every collection, the entries recorded before <paramref name="cutoffUtc"/>; returns how many went.</summary>
    Task<int> TrimOlderThanAsync(DateTime cutoffUtc, CancellationToken cancellationToken = default);
}
