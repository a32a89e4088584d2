namespace Portal.Core.Changes;

/// <summary>
/// The answer to <see cref="IChangeJournal.ChangesSinceAsync"/>: the latest change of each item after the
/// given number, and the collection's current number. When <see cref="ResyncRequired"/> is set, the journal
/// no longer reaches back that far (or the number is from the future) and the client must start over.
/// </summary>
public sealed record ChangeSet(long CurrentChangeNumber, IReadOnlyList<ItemChange> Changes, bool ResyncRequired);
