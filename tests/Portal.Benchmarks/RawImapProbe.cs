using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Portal.Benchmarks;

/// <summary>
/// A bare IMAP connection that sends a command and reads until its tagged reply without parsing anything: the time
/// is the server's (and the loopback's), not a client library's. Used beside MailKit's rows to tell the two apart.
/// </summary>
internal sealed class RawImapProbe : IDisposable
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[1 << 20];
    private readonly Stopwatch _watch = new();
    private int _tag;

    private RawImapProbe(TcpClient client)
    {
        _client = client;
        _stream = client.GetStream();
    }

    public static async Task<RawImapProbe> ConnectAsync(int port, string user, string password)
    {
        var client = new TcpClient { NoDelay = true };
        await client.ConnectAsync("127.0.0.1", port);
        var probe = new RawImapProbe(client);
        await probe.ReadUntilAsync("* OK"u8.ToArray());
        await probe.RunAsync($"LOGIN \"{user}\" \"{password}\"");
        await probe.RunAsync("SELECT INBOX");
        return probe;
    }

    /// <summary>Milliseconds from sending the last command until the first byte of its reply arrived.</summary>
    public double FirstByteMilliseconds { get; private set; }

    /// <summary>Reads (receive calls that returned data) taken by the last command's reply.</summary>
    public int Reads { get; private set; }

    /// <summary>Sends one command and reads every byte of its reply; returns the bytes read and the time taken.</summary>
    public async Task<(long Bytes, double Milliseconds)> RunAsync(string command)
    {
        var tag = "R" + (++_tag).ToString(CultureInfo.InvariantCulture);
        _watch.Restart();
        FirstByteMilliseconds = -1;
        Reads = 0;
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(tag + " " + command + "\r\n"));
        var bytes = await ReadUntilAsync(Encoding.ASCII.GetBytes(tag + " "));
        return (bytes, _watch.Elapsed.TotalMilliseconds);
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Reads until a line that starts with <paramref name="start"/> has ended.</summary>
    private async Task<long> ReadUntilAsync(byte[] start)
    {
        long total = 0;
        var lineStart = true;
        var matched = 0;
        var found = false;
        while (true)
        {
            var read = await _stream.ReadAsync(_buffer);
            if (read == 0)
            {
                throw new IOException("The server closed the connection.");
            }

            if (Reads++ == 0)
            {
                FirstByteMilliseconds = _watch.Elapsed.TotalMilliseconds;
            }

            total += read;
            for (var i = 0; i < read; i++)
            {
                var b = _buffer[i];
                if (found)
                {
                    if (b == (byte)'\n')
                    {
                        return total;
                    }

                    continue;
                }

                if (lineStart || matched > 0)
                {
                    if (b == start[matched])
                    {
                        if (++matched == start.Length)
                        {
                            found = true;
                        }

                        lineStart = false;
                        continue;
                    }

                    matched = 0;
                }

                lineStart = b == (byte)'\n';
            }
        }
    }
}
