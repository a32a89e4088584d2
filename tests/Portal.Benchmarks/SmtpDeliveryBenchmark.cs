using System.Diagnostics;
using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Core.Tenancy;
using Portal.Testing;

namespace Portal.Benchmarks;

/// <summary>
/// Local delivery through the MX port end to end: N MailKit clients, each on one connection, send messages to one local
/// mailbox (DATA, spool, Received and Authentication-Results, blob, Inbox append); reports messages per second and
/// p50/p99 of the time from MAIL to the final 250.
/// </summary>
internal static class SmtpDeliveryBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var clients = int.Parse(Option(args, "--clients", "8"), CultureInfo.InvariantCulture);
        var messages = int.Parse(Option(args, "--messages", "1000"), CultureInfo.InvariantCulture);
        var size = int.Parse(Option(args, "--size", "10240"), CultureInfo.InvariantCulture);
        await using var host = await PortalTestHost.StartAsync(extra: new Dictionary<string, string?> { ["Portal:Dns:Timeout"] = "00:00:01", ["Portal:Smtp:AuthenticationTimeout"] = Option(args, "--auth-timeout", "00:00:10") });
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<IAccountService>();
            await accounts.AddDomainAsync("example.test", Edition.Enterprise);
            await accounts.AddMailboxAsync("bench@example.test", "Correct-Horse-9", PortalRoles.User);
        }

        var port = int.Parse(host.Settings["Portal:Protocols:Smtp:Port"]!, CultureInfo.InvariantCulture);
        var latencies = new double[messages];
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            using var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
            client.Capabilities &= ~SmtpCapabilities.Chunking;
            int i;
            while ((i = Interlocked.Increment(ref next)) < messages)
            {
                var message = new MimeMessage();
                message.From.Add(MailboxAddress.Parse("sender@outside.test"));
                message.To.Add(MailboxAddress.Parse("bench@example.test"));
                message.Subject = string.Create(CultureInfo.InvariantCulture, $"Message {i}");
                message.Body = new TextPart("plain") { Text = string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog.\r\n", Math.Max(1, size / 46))) };
                var one = Stopwatch.StartNew();
                await client.SendAsync(message);
                latencies[i] = one.Elapsed.TotalMilliseconds;
            }

            await client.DisconnectAsync(true);
        })));
        total.Stop();
        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"smtp-deliver clients={clients} messages={messages} size={size}: {messages / total.Elapsed.TotalSeconds:F0} msg/s, p50 {latencies[messages / 2]:F1} ms, p99 {latencies[(int)(messages * 0.99)]:F1} ms"));
        return 0;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
