namespace Portal.Protocols.Smtp.Session;

/// <summary>
/// The message being received, in a temporary file under the data directory: never the whole message in memory.
/// The file is deleted when the spool is disposed, so a dropped connection leaves nothing behind.
/// </summary>
internal sealed class MessageSpool : IAsyncDisposable
{
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();
    private readonly FileStream _file;

    private MessageSpool(string id, FileStream file)
    {
        Id = id;
        _file = file;
    }

    /// <summary>The queue id given in the 250 reply and the Received header.</summary>
    public string Id { get; }

    /// <summary>Bytes of the message itself, without the headers this server prepended.</summary>
    public long ContentLength { get; private set; }

    /// <summary>Everything written, prepended headers included.</summary>
    public long Length => _file.Length;

    public static async Task<MessageSpool> CreateAsync(string directory, string id, ReadOnlyMemory<byte> prefix, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, id + ".eml");
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
            BufferSize = 64 * 1024,
        });
        await file.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);
        return new MessageSpool(id, file);
    }

    public async ValueTask WriteLineAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        await _file.WriteAsync(line, cancellationToken).ConfigureAwait(false);
        await _file.WriteAsync(CrLf, cancellationToken).ConfigureAwait(false);
        ContentLength += line.Length + CrLf.Length;
    }

    /// <summary>The stream BDAT chunks are copied into; call <see cref="Count"/> with what was written.</summary>
    public Stream Writer => _file;

    public void Count(long bytes) => ContentLength += bytes;

    /// <summary>The whole spooled message, from the start.</summary>
    public async Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
        _file.Position = 0;
        return _file;
    }

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
