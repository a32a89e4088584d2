using System.Diagnostics;
using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Portal.Benchmarks.SmtpCompare;

/// <summary>What one server did with one load: throughput until every message was visible over IMAP, latency, CPU, memory.</summary>
internal sealed record LoadResult(string Server, int Size, int Messages, double Seconds, double P50Ms, double P99Ms, double CpuMsPerMessage, long PeakRssBytes, double ClientCpuMsPerMessage)
{
    public double PerSecond => Messages / Seconds;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Server,-16} size={Size,8} n={Messages,5}: {PerSecond,7:F1} msg/s until visible over IMAP, p50 {P50Ms,7:F1} ms, p99 {P99Ms,7:F1} ms, CPU {CpuMsPerMessage,6:F2} ms/msg, peak RSS {PeakRssBytes / 1048576.0,6:F0} MiB; load generator CPU {ClientCpuMsPerMessage,6:F2} ms/msg");
}

/// <summary>N parallel SMTP senders (one connection each) to one mailbox, then IMAP STATUS until all have arrived.</summary>
internal static class LoadRun
{
    public static async Task<LoadResult> RunAsync(string server, int smtpPort, int imapPort, string recipient, string password, int clients, int messages, int size, IReadOnlyList<int> serverProcesses)
    {
        var before = await CountAsync(imapPort, recipient, password);
        var body = string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog.\r\n", Math.Max(1, size / 46)));
        var latencies = new double[messages];
        var next = -1;
        await using var meter = new ProcessTreeMeter(serverProcesses);
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            using var client = new SmtpClient { Timeout = 120_000 };
            await client.ConnectAsync("127.0.0.1", smtpPort, SecureSocketOptions.None);
            client.Capabilities &= ~SmtpCapabilities.Chunking;
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages)
            {
                var message = new MimeMessage();
                message.From.Add(MailboxAddress.Parse("sender@outside.test"));
                message.To.Add(MailboxAddress.Parse(recipient));
                message.Subject = string.Create(CultureInfo.InvariantCulture, $"Message {i}");
                message.Body = new TextPart("plain") { Text = body };
                var one = Stopwatch.StartNew();
                await client.SendAsync(message);
                latencies[i] = one.Elapsed.TotalMilliseconds;
            }

            await client.DisconnectAsync(true);
        })));

        // Counted until the last message can be seen by a mail client.
        using (var imap = new ImapClient())
        {
            await imap.ConnectAsync("127.0.0.1", imapPort, SecureSocketOptions.None);
            await imap.AuthenticateAsync(recipient, password);
            var deadline = DateTime.UtcNow.AddMinutes(10);
            while (true)
            {
                await imap.Inbox.StatusAsync(StatusItems.Count);
                if (imap.Inbox.Count >= before + messages || DateTime.UtcNow > deadline)
                {
                    break;
                }

                await Task.Delay(20);
            }

            await imap.DisconnectAsync(true);
        }

        total.Stop();
        var cpu = meter.CpuSecondsSinceStart;
        clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientCpu;
        Array.Sort(latencies);
        return new LoadResult(server, size, messages, total.Elapsed.TotalSeconds, latencies[messages / 2], latencies[Math.Min(messages - 1, (int)(messages * 0.99))], cpu * 1000 / messages, meter.PeakRssBytes, clientCpu.TotalMilliseconds / messages);
    }

    private static async Task<int> CountAsync(int imapPort, string user, string password)
    {
        using var imap = new ImapClient();
        await imap.ConnectAsync("127.0.0.1", imapPort, SecureSocketOptions.None);
        await imap.AuthenticateAsync(user, password);
        await imap.Inbox.StatusAsync(StatusItems.Count);
        var count = imap.Inbox.Count;
        await imap.DisconnectAsync(true);
        return count;
    }
}
