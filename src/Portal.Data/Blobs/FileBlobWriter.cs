using System.Security.Cryptography;
using Portal.Core.Storage;

namespace Portal.Data.Blobs;

/// <summary>
/// A blob written as it arrives: a temp file under <c>blobs/tmp</c>, hashed on the way. <see cref="CommitAsync"/> flushes
/// it to disk and renames it into place (the same steps as <see cref="FileBlobStore.PutAsync"/>); disposing without a
/// commit deletes it, so a dropped connection leaves nothing.
/// </summary>
internal sealed class FileBlobWriter : BlobWriter
{
    private readonly FileBlobStore _store;
    private readonly string _path;
    private readonly FileStream _file;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long _length;
    private bool _done;

    public FileBlobWriter(FileBlobStore store, string path)
    {
        _store = store;
        _path = path;
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
    }

    public override long Length => _length;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        _hash.AppendData(data.Span);
        _length += data.Length;
        return _file.WriteAsync(data, cancellationToken);
    }

    public override async Task<Stream> OpenReadAsync(CancellationToken cancellationToken = default)
    {
        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }

    public override async Task<BlobInfo> CommitAsync(ReadOnlyMemory<byte> prefix, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (prefix.IsEmpty)
        {
            await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
            _file.Flush(flushToDisk: true);
            await _file.DisposeAsync().ConfigureAwait(false);
            _done = true;
            var id = Convert.ToHexStringLower(_hash.GetHashAndReset());
            _hash.Dispose();
            _store.MoveIntoPlace(_path, id);
            return new BlobInfo(id, _length);
        }

        // Header fields that go in front are known only now: the one case where the content is copied again.
        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        await using var written = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        var blob = await _store.PutAsync(new PrefixedStream(prefix, written), cancellationToken).ConfigureAwait(false);
        await DisposeAsync().ConfigureAwait(false);
        return blob;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        await _file.DisposeAsync().ConfigureAwait(false);
        _hash.Dispose();
        FileBlobStore.TryDelete(_path);
    }
}
