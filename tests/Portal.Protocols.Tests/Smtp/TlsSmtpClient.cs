using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace Portal.Protocols.Tests.Smtp;

/// <summary>A line-level SMTP client over implicit TLS, for replies MailKit hides behind exceptions.</summary>
public sealed class TlsSmtpClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly SslStream _tls;
    private readonly StreamReader _reader;

    private TlsSmtpClient(TcpClient tcp, SslStream tls)
    {
        _tcp = tcp;
        _tls = tls;
        _reader = new StreamReader(tls, Encoding.UTF8);
    }

    public static async Task<TlsSmtpClient> ConnectAsync(int port)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var tls = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync("localhost");
        var client = new TlsSmtpClient(tcp, tls);
        Assert.StartsWith("220 ", await client.ReadReplyAsync(), StringComparison.Ordinal);
        return client;
    }

    public async Task<string?> CommandAsync(string line)
    {
        await _tls.WriteAsync(Encoding.UTF8.GetBytes(line + "\r\n"));
        await _tls.FlushAsync();
        return await ReadReplyAsync();
    }

    private async Task<string?> ReadReplyAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (true)
        {
            var line = await _reader.ReadLineAsync(timeout.Token);
            if (line is null || line.Length < 4 || line[3] == ' ')
            {
                return line;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        await _tls.DisposeAsync();
        _tcp.Dispose();
    }
}
