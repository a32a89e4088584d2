using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.Protocols.Tests.Smtp;

/// <summary>
/// A scripted remote MX on 127.0.0.1: it answers RCPT by the recipient's local part ("reject…" 550, "defer-once…" 451
/// on the first try, "defer…" 451 always; anything else 250) and records what it was given.
/// </summary>
public sealed class FakeMx : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _accepting;

    public FakeMx()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Whether EHLO offers DSN (RFC 3461); a server without it cannot report success itself.</summary>
    public bool OfferDsn { get; set; } = true;

    public ConcurrentQueue<(string Sender, IReadOnlyList<string> Recipients, string Data)> Received { get; } = new();

    public int Attempts(string address) => _attempts.GetValueOrDefault(address);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            async Task Say(string text) => await stream.WriteAsync(Encoding.UTF8.GetBytes(text + "\r\n"));
            await Say("220 fake.remote.test ESMTP");
            var sender = string.Empty;
            var recipients = new List<string>();
            try
            {
                while (await reader.ReadLineAsync(_stop.Token) is { } line)
                {
                    var verb = line.Split(' ')[0].ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                            await Say(OfferDsn ? "250-fake.remote.test\r\n250-8BITMIME\r\n250 DSN" : "250-fake.remote.test\r\n250 8BITMIME");
                            break;
                        case "MAIL":
                            sender = Between(line);
                            recipients.Clear();
                            await Say("250 2.1.0 OK");
                            break;
                        case "RCPT":
                            var address = Between(line);
                            var attempt = _attempts.AddOrUpdate(address, 1, (_, n) => n + 1);
                            var local = address.Split('@')[0];
                            if (local.StartsWith("reject", StringComparison.Ordinal))
                            {
                                await Say("550 5.1.1 No such user here");
                            }
                            else if ((local.StartsWith("defer-once", StringComparison.Ordinal) && attempt == 1) || (local.StartsWith("defer", StringComparison.Ordinal) && !local.StartsWith("defer-once", StringComparison.Ordinal)))
                            {
                                await Say("451 4.3.0 Try again later");
                            }
                            else
                            {
                                recipients.Add(address);
                                await Say("250 2.1.5 OK");
                            }

                            break;
                        case "DATA":
                            await Say("354 Go ahead");
                            var data = new StringBuilder();
                            while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                            {
                                data.Append(dataLine).Append("\r\n");
                            }

                            Received.Enqueue((sender, recipients.ToList(), data.ToString()));
                            await Say("250 2.0.0 Accepted by fake");
                            break;
                        case "QUIT":
                            await Say("221 2.0.0 Bye");
                            return;
                        default:
                            await Say("250 2.0.0 OK");
                            break;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private static string Between(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start < 0 || end < start ? string.Empty : line[(start + 1)..end];
    }
}
