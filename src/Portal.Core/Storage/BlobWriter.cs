namespace Portal.Core.Storage;

/// <summary>
/// A blob written piece by piece as it arrives (SMTP DATA and BDAT straight off the wire), hashed on the way, so the
/// bytes are written once. Nothing is visible under an id until <see cref="CommitAsync"/>; disposing an uncommitted
/// writer removes what was written.
/// </summary>
public abstract class BlobWriter : IAsyncDisposable
{
    /// <summary>Bytes written so far.</summary>
    public abstract long Length { get; }

    public abstract ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>A reader over what was written so far (for checks that need the whole message before it is stored).</summary>
    public abstract Task<Stream> OpenReadAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Flushes the content to disk and makes it a blob. <paramref name="prefix"/> (header fields known only once the whole
    /// message is in, such as Authentication-Results) goes in front; content that outgrew the writer's memory buffer is
    /// then copied once more.
    /// </summary>
    public abstract Task<BlobInfo> CommitAsync(ReadOnlyMemory<byte> prefix, CancellationToken cancellationToken = default);

    public abstract ValueTask DisposeAsync();
}
