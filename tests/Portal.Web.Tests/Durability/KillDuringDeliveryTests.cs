using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Portal.Testing;
using Portal.Web.Cli;

namespace Portal.Web.Tests.Durability;

/// <summary>
/// The real server as its own process, killed (SIGKILL) while SMTP clients are in the middle of sending: after a
/// restart on the same data directory every message that got its 250 is there exactly once and whole, no message is
/// there twice, and a message whose DATA was cut off is not there at all (issue: "kill during DATA loses nothing and
/// duplicates nothing").
/// </summary>
public sealed class KillDuringDeliveryTests : IDisposable
{
    private const string User = "durable@example.test";
    private const string Password = "Correct-Horse-9";
    private const int Senders = 6;

    private readonly TempDirectory _directory = new();
    private readonly Dictionary<string, string?> _settings = [];

    [Fact]
    public async Task Every_acknowledged_message_survives_a_kill_once_and_whole_and_cut_off_data_leaves_nothing()
    {
        _settings["Portal:DataDirectory"] = _directory.Path;
        _settings["Portal:Protocols:BindAddress"] = "127.0.0.1";
        foreach (var name in new[] { "Smtp", "Submission", "Smtps", "Imap", "Imaps", "Pop3", "Pop3s", "Xmpp", "Xmpps" })
        {
            _settings[$"Portal:Protocols:{name}:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        }

        // No DNS on the MX path: the checks give up at once (recorded as temperror), as in the SMTP benchmark.
        _settings["Portal:Smtp:AuthenticationTimeout"] = "00:00:00.001";
        foreach (var words in new[] { new[] { "domain", "add", "example.test" }, ["user", "add", User, "--password", Password] })
        {
            using var output = new StringWriter(CultureInfo.InvariantCulture);
            Assert.True(await AdminCommandLine.RunAsync(["admin", .. words], TextReader.Null, output, output, _settings) == 0, output.ToString());
        }

        var acknowledged = new ConcurrentBag<string>();
        using (var server = await StartAsync())
        {
            // Two transactions whose DATA never ends, and senders that keep sending until the server is gone.
            using var cutOff1 = await BeginDataAsync("partial-1");
            using var cutOff2 = await BeginDataAsync("partial-2");
            using var stop = new CancellationTokenSource();
            var sending = Enumerable.Range(0, Senders).Select(s => Task.Run(() => SendUntilGoneAsync(s, acknowledged, stop.Token))).ToList();

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (acknowledged.Count < 40 && DateTime.UtcNow < deadline && sending.All(t => !t.IsCompleted))
            {
                await Task.Delay(20);
            }

            Assert.True(acknowledged.Count >= 10, $"only {acknowledged.Count} messages were acknowledged before the kill");
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(sending);
        }

        using var restarted = await StartAsync();
        var stored = await ReadInboxAsync();
        try
        {
            Assert.DoesNotContain(stored, m => m.Subject.StartsWith("partial-", StringComparison.Ordinal));
            var duplicates = stored.GroupBy(m => m.Subject).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.Empty(duplicates);
            var bySubject = stored.ToDictionary(m => m.Subject);
            foreach (var subject in acknowledged)
            {
                Assert.True(bySubject.TryGetValue(subject, out var message), $"{subject} was acknowledged but is gone");
                Assert.Equal(Body(subject), message.Body);
            }

            // Committed but killed before the 250 went out may be there too; then it is whole as well.
            Assert.All(stored, m => Assert.Equal(Body(m.Subject), m.Body));
        }
        finally
        {
            restarted.Kill(entireProcessTree: true);
            await restarted.WaitForExitAsync();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private int Port(string listener) => int.Parse(_settings[$"Portal:Protocols:{listener}:Port"]!, CultureInfo.InvariantCulture);

    private static string Body(string subject)
    {
        var text = new StringBuilder();
        for (var line = 0; line < 100; line++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{subject} line {line:D3} of a message that must arrive whole or not at all\r\n");
        }

        return text.Append(CultureInfo.InvariantCulture, $"END {subject}\r\n").ToString();
    }

    private async Task<Process> StartAsync()
    {
        var dll = Path.Combine(RepositoryRoot.Path, "src", "Portal.Web", "bin", BuildConfiguration(), "net10.0", "Portal.Web.dll");
        Assert.True(File.Exists(dll), dll);
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory.Path };
        foreach (var argument in new[] { dll, "--urls", $"http://127.0.0.1:{FreePort.Next()}", "--environment", "Production", "--Logging:LogLevel:Default=Warning" }
                     .Concat(_settings.Select(s => $"--{s.Key}={s.Value}")))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Portal did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        foreach (var listener in new[] { "Smtp", "Imap" })
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (true)
            {
                Assert.False(process.HasExited, "Portal exited while starting.");
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync("127.0.0.1", Port(listener));
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(100);
                }
            }
        }

        return process;
    }

    private async Task SendUntilGoneAsync(int sender, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        using var client = new SmtpClient { Timeout = 30000 };
        try
        {
            await client.ConnectAsync("127.0.0.1", Port("Smtp"), SecureSocketOptions.None, stop);
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var subject = string.Create(CultureInfo.InvariantCulture, $"k{sender}-{i:D4}");
                var message = new MimeMessage();
                message.From.Add(MailboxAddress.Parse($"writer{sender}@outside.test"));
                message.To.Add(MailboxAddress.Parse(User));
                message.Subject = subject;
                message.Body = new TextPart("plain") { Text = Body(subject) };
                await client.SendAsync(message, stop);

                // Only what got its 250 counts as acknowledged.
                acknowledged.Add(subject);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ServiceNotConnectedException or SmtpProtocolException or SmtpCommandException or OperationCanceledException)
        {
            // The server was killed under this sender.
        }
    }

    /// <summary>A raw transaction that sends half its DATA and then waits forever.</summary>
    private async Task<TcpClient> BeginDataAsync(string subject)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", Port("Smtp"));
        var stream = tcp.GetStream();
        using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
        async Task<string> Say(string line)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(line + "\r\n"));
            string? reply;
            do
            {
                reply = await reader.ReadLineAsync() ?? throw new IOException("closed");
            }
            while (reply.Length > 3 && reply[3] == '-');
            return reply;
        }

        Assert.StartsWith("220", await reader.ReadLineAsync(), StringComparison.Ordinal);
        Assert.StartsWith("250", await Say("EHLO cut.test"), StringComparison.Ordinal);
        Assert.StartsWith("250", await Say("MAIL FROM:<cut@outside.test>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await Say($"RCPT TO:<{User}>"), StringComparison.Ordinal);
        Assert.StartsWith("354", await Say("DATA"), StringComparison.Ordinal);
        var half = Body(subject)[..3000];
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"From: cut@outside.test\r\nTo: {User}\r\nSubject: {subject}\r\n\r\n{half}"));
        return tcp;
    }

    private async Task<List<(string Subject, string Body)>> ReadInboxAsync()
    {
        using var client = new ImapClient { Timeout = 30000 };
        await client.ConnectAsync("127.0.0.1", Port("Imap"), SecureSocketOptions.None);
        await client.AuthenticateAsync(User, Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var stored = new List<(string, string)>();
        for (var i = 0; i < client.Inbox.Count; i++)
        {
            var message = await client.Inbox.GetMessageAsync(i);
            // Compared by lines: the parser hands text back with LF line ends.
            stored.Add((message.Subject ?? string.Empty, (message.TextBody ?? string.Empty).ReplaceLineEndings("\r\n")));
        }

        await client.DisconnectAsync(true);
        return stored;
    }

    private static string BuildConfiguration() => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
}
