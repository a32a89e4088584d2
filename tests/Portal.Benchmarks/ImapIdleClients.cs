using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Portal.Benchmarks;

/// <summary>
/// The client side of <see cref="ImapIdleBenchmark"/>, in its own process: N bare-socket sessions LOGIN, SELECT INBOX and
/// IDLE; on GO it APPENDs messages one at a time and times how long until every session has read the new EXISTS, then
/// keeps the sessions open (IDLEing, woken once per APPEND) until a line on stdin, so the server can be measured again.
/// </summary>
internal static class ImapIdleClients
{
    public static async Task<int> RunAsync(string[] args)
    {
        var port = int.Parse(ImapIdleBenchmark.Option(args, "--port", "0"), CultureInfo.InvariantCulture);
        var count = int.Parse(ImapIdleBenchmark.Option(args, "--sessions", "2000"), CultureInfo.InvariantCulture);
        var rounds = int.Parse(ImapIdleBenchmark.Option(args, "--appends", "5"), CultureInfo.InvariantCulture);
        var login = new Login(ImapIdleBenchmark.Option(args, "--user", "idle@example.test"), ImapIdleBenchmark.Option(args, "--password", ImapIdleBenchmark.Password));
        FileLimits.Raise(count + 1024);
        var sessions = new Session[count];
        using (var gate = new SemaphoreSlim(64))
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
            {
                await gate.WaitAsync();
                try
                {
                    sessions[i] = await Session.OpenAsync(port, login);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        Console.WriteLine("READY");
        await Console.In.ReadLineAsync();
        using var appender = await Session.OpenAsync(port, login, idle: false);

        // One untimed round first: the code on both sides is compiled (and dovecot's caches warm) before anything is timed.
        await RoundAsync(sessions, appender, 0);
        Console.WriteLine("WARM");
        await Console.In.ReadLineAsync();
        var latencies = new List<double>();
        var appends = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            var (seen, appended) = await RoundAsync(sessions, appender, round);
            latencies.AddRange(seen);
            appends.Add(appended);
        }

        latencies.Sort();
        appends.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{appends[appends.Count / 2]:F0} ms | {latencies[latencies.Count / 2]:F0} ms | {latencies[(int)(latencies.Count * 0.99)]:F0} ms | {latencies[^1]:F0} ms"));
        await Console.In.ReadLineAsync();
        foreach (var session in sessions)
        {
            session.Dispose();
        }

        return 0;
    }

    /// <summary>One APPEND: the milliseconds until each session read its EXISTS, and until the APPEND's own tagged reply.</summary>
    private static async Task<(double[] Seen, double Appended)> RoundAsync(Session[] sessions, Session appender, int round)
    {
        var waits = sessions.Select(s => s.WaitForExistsAsync()).ToArray();
        var clock = Stopwatch.StartNew();
        await appender.AppendAsync($"Subject: round {round}\r\n\r\nwake up\r\n");
        var appended = clock.Elapsed.TotalMilliseconds;
        var seen = await Task.WhenAll(waits.Select(async w =>
        {
            await w.WaitAsync(TimeSpan.FromSeconds(60));
            return clock.Elapsed.TotalMilliseconds;
        }));
        return (seen, appended);
    }

    private sealed record Login(string User, string Password);

    private sealed class Session : IDisposable
    {
        private readonly Socket _socket;
        private readonly byte[] _buffer = new byte[512];
        private int _filled;
        private TaskCompletionSource? _exists;

        private Session(Socket socket) => _socket = socket;

        public static async Task<Session> OpenAsync(int port, Login login, bool idle = true)
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync("127.0.0.1", port);
            var session = new Session(socket);
            await session.ReadUntilAsync("* OK");
            await session.CommandAsync($"a LOGIN {login.User} {login.Password}", "a ");
            await session.CommandAsync("b SELECT INBOX", "b ");
            if (idle)
            {
                await session.CommandAsync("c IDLE", "+ ");
                _ = session.ListenAsync();
            }

            return session;
        }

        public Task WaitForExistsAsync()
        {
            _exists = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _exists.Task;
        }

        public async Task AppendAsync(string message)
        {
            var bytes = Encoding.ASCII.GetByteCount(message);
            await CommandAsync($"p APPEND INBOX {{{bytes}+}}\r\n{message}", "p ");
        }

        public void Dispose() => _socket.Dispose();

        private async Task CommandAsync(string command, string until)
        {
            await _socket.SendAsync(Encoding.ASCII.GetBytes(command + "\r\n"));
            await ReadUntilAsync(until);
        }

        private async Task ListenAsync()
        {
            try
            {
                while (true)
                {
                    var line = await ReadLineAsync();
                    if (line.EndsWith(" EXISTS", StringComparison.Ordinal))
                    {
                        _exists?.TrySetResult();
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or IOException)
            {
                _exists?.TrySetException(ex);
            }
        }

        private async Task ReadUntilAsync(string prefix)
        {
            while (!(await ReadLineAsync()).StartsWith(prefix, StringComparison.Ordinal))
            {
            }
        }

        private async Task<string> ReadLineAsync()
        {
            while (true)
            {
                var end = Array.IndexOf(_buffer, (byte)'\n', 0, _filled);
                if (end >= 0)
                {
                    var line = Encoding.ASCII.GetString(_buffer, 0, end).TrimEnd('\r');
                    Array.Copy(_buffer, end + 1, _buffer, 0, _filled - end - 1);
                    _filled -= end + 1;
                    return line;
                }

                if (_filled == _buffer.Length)
                {
                    // A line longer than the buffer (a CAPABILITY list): keep its tail only.
                    _filled = 0;
                }

                var read = await _socket.ReceiveAsync(_buffer.AsMemory(_filled));
                if (read == 0)
                {
                    throw new IOException("Connection closed.");
                }

                _filled += read;
            }
        }
    }
}
