namespace Portal.Core.Groupware;

/// <summary>Groupware items in the one store; every put or delete bumps the collection's change number in the same transaction.</summary>
public interface IGroupwareStore
{
    Task<IReadOnlyList<Collection>> ListCollectionsAsync(Guid mailboxId, CollectionKind? kind = null, CancellationToken cancellationToken = default);

    Task<Item?> GetItemAsync(Guid collectionId, string resourceName, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces an item. <paramref name="ifMatch"/>, when given, must equal the current ETag (optimistic concurrency).</summary>
    Task<Item> PutItemAsync(Guid collectionId, ItemWrite write, string? ifMatch = null, CancellationToken cancellationToken = default);

    /// <summary>Deletes an item, leaving a tombstone; false when it did not exist.</summary>
    Task<bool> DeleteItemAsync(Guid collectionId, string resourceName, CancellationToken cancellationToken = default);
}

/// <summary>The content of an item to write, with the query fields the caller parsed from it.</summary>
public sealed record ItemWrite(
    string ResourceName,
    string Uid,
    CollectionKind Kind,
    string Content,
    DateTime? StartUtc = null,
    DateTime? EndUtc = null,
    DateTime? RecurrenceEndUtc = null,
    bool IsRecurring = false,
    string? DisplayName = null,
    string? Email = null);

/// <summary>The item's current ETag did not match the one the client sent.</summary>
public sealed class PreconditionFailedException(string message) : Exception(message);
