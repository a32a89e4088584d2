using System.Buffers;
using System.Security.Cryptography;
using Portal.Core.Storage;

namespace Portal.Data.Blobs;

/// <summary>
/// A blob written as it arrives. The first <see cref="MemoryLimit"/> bytes are kept in a pooled buffer: a message that
/// fits is written to disk once, at <see cref="CommitAsync"/>, with its prefix (the MX port's Authentication-Results)
/// in front and hashed once, instead of being written, read back and copied behind the prefix. A larger one goes on to
/// a temp file under <c>blobs/tmp</c>, hashed on the way. Either way the commit flushes the file to disk and renames
/// it into place (the same steps as <see cref="FileBlobStore.PutAsync"/>); disposing without a commit deletes it, so a
/// dropped connection leaves nothing.
/// </summary>
internal sealed class FileBlobWriter : BlobWriter
{
    /// <summary>Mail is mostly far smaller; 16 parallel deliveries hold at most 4 MB this way.</summary>
    internal const int MemoryLimit = 256 * 1024;

    private readonly FileBlobStore _store;
    private readonly string _path;
    private byte[]? _memory = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private FileStream? _file;
    private IncrementalHash? _hash;
    private long _length;
    private bool _done;

    public FileBlobWriter(FileBlobStore store, string path)
    {
        _store = store;
        _path = path;
    }

    public override long Length => _length;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (_memory is not null && _length + data.Length <= MemoryLimit)
        {
            if (_length + data.Length > _memory.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(MemoryLimit, Math.Max(_memory.Length * 2L, _length + data.Length)));
                _memory.AsSpan(0, (int)_length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_memory);
                _memory = larger;
            }

            data.Span.CopyTo(_memory.AsSpan((int)_length));
            _length += data.Length;
            return ValueTask.CompletedTask;
        }

        return WriteToFileAsync(data, cancellationToken);
    }

    private async ValueTask WriteToFileAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        if (_file is null)
        {
            // Too large for memory: what is buffered starts the temp file, hashed from here on as it is written.
            _file = new FileStream(_path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 64 * 1024, FileOptions.Asynchronous);
            _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            if (_memory is { } buffered)
            {
                _hash.AppendData(buffered.AsSpan(0, (int)_length));
                await _file.WriteAsync(buffered.AsMemory(0, (int)_length), cancellationToken).ConfigureAwait(false);
                ReturnMemory();
            }
        }

        _hash!.AppendData(data.Span);
        _length += data.Length;
        await _file.WriteAsync(data, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<Stream> OpenReadAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (_file is null)
        {
            return new MemoryStream(_memory!, 0, (int)_length, writable: false);
        }

        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        return new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }

    public override async Task<BlobInfo> CommitAsync(ReadOnlyMemory<byte> prefix, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_done, this);
        if (_file is null)
        {
            // Still in memory: prefix and content written and hashed once.
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            hash.AppendData(prefix.Span);
            hash.AppendData(_memory.AsSpan(0, (int)_length));
            var length = prefix.Length + _length;

            // One gathered write and the flush on this thread: no hop to the thread pool's file I/O for a few KB.
            using (var file = File.OpenHandle(_path, FileMode.CreateNew, FileAccess.Write, FileShare.Read))
            {
                RandomAccess.Write(file, [prefix, _memory.AsMemory(0, (int)_length)], 0);
                RandomAccess.FlushToDisk(file);
            }

            _done = true;
            ReturnMemory();
            var id = Convert.ToHexStringLower(hash.GetHashAndReset());
            _store.MoveIntoPlace(_path, id);
            return new BlobInfo(id, length);
        }

        if (prefix.IsEmpty)
        {
            await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
            _file.Flush(flushToDisk: true);
            await _file.DisposeAsync().ConfigureAwait(false);
            _done = true;
            var id = Convert.ToHexStringLower(_hash!.GetHashAndReset());
            _hash.Dispose();
            _store.MoveIntoPlace(_path, id);
            return new BlobInfo(id, _length);
        }

        // A large message with header fields that go in front, known only now: the content is copied once more.
        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        await using var written = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        var blob = await _store.PutAsync(new PrefixedStream(prefix, written), cancellationToken).ConfigureAwait(false);
        await DisposeAsync().ConfigureAwait(false);
        return blob;
    }

    private void ReturnMemory()
    {
        if (_memory is { } memory)
        {
            _memory = null;
            ArrayPool<byte>.Shared.Return(memory);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (_done)
        {
            return;
        }

        _done = true;
        ReturnMemory();
        if (_file is not null)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }

        _hash?.Dispose();
        FileBlobStore.TryDelete(_path);
    }
}
