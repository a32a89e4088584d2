using System.Net.Sockets;
using System.Text;

namespace Portal.Protocols.Tests.Smtp;

/// <summary>A byte-level SMTP client for what MailKit will not send: bad lines, bare LFs, pipelined bursts, dropped connections.</summary>
public sealed class RawSmtpClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;

    private RawSmtpClient(TcpClient tcp)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    public static async Task<RawSmtpClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var client = new RawSmtpClient(tcp);
        Assert.StartsWith("220 ", await client.ReadReplyAsync(), StringComparison.Ordinal);
        return client;
    }

    public async Task SendAsync(string text)
    {
        await _stream.WriteAsync(Encoding.UTF8.GetBytes(text));
        await _stream.FlushAsync();
    }

    /// <summary>Reads one reply, multi-line or not; returns its last line, or null when the server closed.</summary>
    public async Task<string?> ReadReplyAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token);
            if (line is null || line.Length < 4 || line[3] == ' ')
            {
                return line;
            }
        }
    }

    public async Task<string?> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        return await _reader.ReadLineAsync(timeout.Token);
    }

    public async Task<string?> CommandAsync(string line)
    {
        await SendAsync(line + "\r\n");
        return await ReadReplyAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
