using System.Buffers;
using Microsoft.Extensions.Options;
using Portal.Core.Hosting;
using Portal.Core.Storage;

namespace Portal.Data.Blobs;

/// <summary>
/// Blobs as files under <c>{DataDirectory}/blobs/ab/cd/abcd…</c>. A put streams to a temp file while hashing,
/// flushes it to disk, then renames it into place and flushes the directory: a reader never sees a partial blob, a
/// crash leaves at most a temp file that <see cref="PutAsync"/> never reuses (swept at the next start), and a returned blob survives power loss.
/// </summary>
public sealed class FileBlobStore : IBlobStore
{
    private readonly string _root;
    private readonly string _temp;

    public FileBlobStore(IOptions<PortalOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _root = Path.Combine(options.Value.DataDirectoryFullPath, "blobs");
        _temp = Path.Combine(_root, "tmp");
        Directory.CreateDirectory(_temp);
        SweepTemp(DateTime.UtcNow - StaleTemp);
    }

    /// <summary>A temp file untouched this long belongs to a write that died with its process (a kill, a power cut).</summary>
    public static TimeSpan StaleTemp { get; } = TimeSpan.FromHours(1);

    /// <summary>Deletes temp files last written before <paramref name="olderThanUtc"/>; a live write keeps touching its own.</summary>
    public int SweepTemp(DateTime olderThanUtc)
    {
        var deleted = 0;
        foreach (var file in new DirectoryInfo(_temp).EnumerateFiles())
        {
            try
            {
                if (file.LastWriteTimeUtc < olderThanUtc)
                {
                    file.Delete();
                    deleted++;
                }
            }
            catch (IOException)
            {
                // Another node or a late writer has it; the next start tries again.
            }
        }

        return deleted;
    }

    public async Task<BlobInfo> PutAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);

        // One write path for every blob: the writer hashes on the way, flushes, renames and flushes the directory.
        await using var writer = BeginWrite();
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return await writer.CommitAsync(ReadOnlyMemory<byte>.Empty, cancellationToken).ConfigureAwait(false);
    }

    public BlobWriter BeginWrite() => new FileBlobWriter(this, Path.Combine(_temp, Guid.NewGuid().ToString("N")));

    /// <summary>Renames a flushed temp file to its blob's path; when the same bytes are already stored, keeps that one copy.</summary>
    internal void MoveIntoPlace(string tempPath, string id)
    {
        var finalPath = PathOf(id);
        try
        {
            if (File.Exists(finalPath))
            {
                File.Delete(tempPath);
                return;
            }

            var directory = Path.GetDirectoryName(finalPath)!;
            if (!Directory.Exists(directory))
            {
                // New blobs/ab/cd directories: their own entries must reach the disk too.
                Directory.CreateDirectory(directory);
                DirectorySync.Flush(_root);
                DirectorySync.Flush(Path.GetDirectoryName(directory)!);
            }

            try
            {
                File.Move(tempPath, finalPath, overwrite: false);
            }
            catch (IOException) when (File.Exists(finalPath))
            {
                // Another writer stored the same content first.
                File.Delete(tempPath);
                return;
            }

            // The blob is durable only once its name is: callers commit rows pointing at it right after this.
            DirectorySync.Flush(directory);
        }
        catch
        {
            TryDelete(tempPath);
            throw;
        }
    }

    public Task<Stream> OpenReadAsync(string blobId, CancellationToken cancellationToken = default)
    {
        Stream stream = new FileStream(PathOf(blobId), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Task.FromResult(stream);
    }

    public bool Exists(string blobId) => File.Exists(PathOf(blobId));

    public Task DeleteAsync(string blobId, CancellationToken cancellationToken = default)
    {
        TryDelete(PathOf(blobId));
        return Task.CompletedTask;
    }

    private string PathOf(string blobId)
    {
        // Ids are hex SHA-256: anything else is refused before it can name a path.
        if (blobId.Length != 64 || !blobId.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not a blob id.", nameof(blobId));
        }

        return Path.Combine(_root, blobId[..2], blobId[2..4], blobId);
    }

    internal static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the clean-up job.
        }
    }
}
