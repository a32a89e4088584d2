using System.Net.Sockets;
using System.Text;

namespace Portal.Protocols.Tests.Imap;

/// <summary>A bare socket for what MailKit will not send: malformed commands, exact bytes, oversized literals.</summary>
public sealed class RawImapClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly List<byte> _buffer = [];

    private RawImapClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _stream.ReadTimeout = 10000;
    }

    public static async Task<RawImapClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var client = new RawImapClient(tcp);
        await client.ReadLineAsync();
        return client;
    }

    public async Task SendAsync(string text) => await SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    public async Task<string> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var end = _buffer.IndexOf((byte)'\n');
            if (end >= 0)
            {
                var line = Encoding.UTF8.GetString(_buffer.GetRange(0, end + 1).ToArray()).TrimEnd('\r', '\n');
                _buffer.RemoveRange(0, end + 1);
                return line;
            }

            var chunk = new byte[4096];
            var read = await _stream.ReadAsync(chunk, timeout.Token);
            if (read == 0)
            {
                throw new IOException("Connection closed.");
            }

            _buffer.AddRange(chunk.AsSpan(0, read).ToArray());
        }
    }

    /// <summary>Reads lines until the tagged reply of <paramref name="tag"/>; returns all of them.</summary>
    public async Task<List<string>> ReadUntilTaggedAsync(string tag)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = await ReadLineAsync();
            lines.Add(line);
            if (line.StartsWith(tag + " ", StringComparison.Ordinal))
            {
                return lines;
            }
        }
    }

    public async Task<List<string>> CommandAsync(string tag, string command)
    {
        await SendAsync($"{tag} {command}\r\n");
        return await ReadUntilTaggedAsync(tag);
    }

    public async Task LoginAsync(string address) =>
        Assert.StartsWith("l OK", (await CommandAsync("l", $"LOGIN {address} {ImapHostFixture.Password}"))[^1], StringComparison.Ordinal);

    /// <summary>APPENDs exact bytes with a synchronising literal; returns the tagged reply.</summary>
    public async Task<string> AppendAsync(string folder, byte[] message, string flags = "")
    {
        await SendAsync($"ap APPEND {folder} {flags}{{{message.Length}}}\r\n");
        var go = await ReadLineAsync();
        Assert.StartsWith("+", go, StringComparison.Ordinal);
        await SendAsync(message);
        await SendAsync("\r\n");
        return (await ReadUntilTaggedAsync("ap"))[^1];
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
