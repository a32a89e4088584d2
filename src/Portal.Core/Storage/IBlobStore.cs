namespace Portal.Core.Storage;

/// <summary>
/// Content-addressed storage of message bodies, attachments and photos. The id is the lower-case hex SHA-256
/// of the content, so the same bytes are stored once however many mailboxes hold them.
/// </summary>
public interface IBlobStore
{
    /// <summary>Stores the stream's content durably (flushed to disk) before returning.</summary>
    Task<BlobInfo> PutAsync(Stream content, CancellationToken cancellationToken = default);

    /// <summary>Starts a blob written as it arrives; see <see cref="BlobWriter"/>.</summary>
    BlobWriter BeginWrite();

    Task<Stream> OpenReadAsync(string blobId, CancellationToken cancellationToken = default);

    bool Exists(string blobId);

    Task DeleteAsync(string blobId, CancellationToken cancellationToken = default);
}

/// <summary>A stored blob: its id (SHA-256, hex) and its length in bytes.</summary>
public sealed record BlobInfo(string Id, long Length);
