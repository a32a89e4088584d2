using Portal.Core.Storage;

namespace Portal.Protocols.Smtp.Session;

/// <summary>
/// The message being received, written straight into the blob store's temp file (hashed on the way) with the Received
/// header first: never the whole message in memory, and no second copy when it is stored. Disposing an uncommitted
/// spool deletes the file, so a dropped connection leaves nothing behind.
/// </summary>
internal sealed class MessageSpool : IAsyncDisposable
{
    private readonly BlobWriter _blob;
    private readonly long _prefixLength;

    private MessageSpool(string id, BlobWriter blob, long prefixLength)
    {
        Id = id;
        _blob = blob;
        _prefixLength = prefixLength;
    }

    /// <summary>The queue id given in the 250 reply and the Received header.</summary>
    public string Id { get; }

    /// <summary>Bytes of the message itself, without the headers this server prepended.</summary>
    public long ContentLength => _blob.Length - _prefixLength;

    /// <summary>Everything written, prepended headers included.</summary>
    public long Length => _blob.Length;

    public static async Task<MessageSpool> CreateAsync(IBlobStore blobs, string id, ReadOnlyMemory<byte> prefix, CancellationToken cancellationToken)
    {
        var blob = blobs.BeginWrite();
        try
        {
            await blob.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await blob.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new MessageSpool(id, blob, prefix.Length);
    }

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => _blob.WriteAsync(data, cancellationToken);

    /// <summary>The whole spooled message so far, from the start (for the checks that need it before it is stored).</summary>
    public Task<Stream> OpenReadAsync(CancellationToken cancellationToken) => _blob.OpenReadAsync(cancellationToken);

    /// <summary>Flushes to disk and stores the message as a blob, with <paramref name="prefix"/> (Authentication-Results) in front.</summary>
    public Task<BlobInfo> CommitAsync(ReadOnlyMemory<byte> prefix, CancellationToken cancellationToken) => _blob.CommitAsync(prefix, cancellationToken);

    public ValueTask DisposeAsync() => _blob.DisposeAsync();
}
