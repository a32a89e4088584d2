using System.Diagnostics;
using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Core.Mail;
using Portal.Core.Mail.Reading;
using Portal.Core.Mail.Search;
using Portal.Core.Tenancy;
using Portal.Testing;

namespace Portal.Benchmarks;

/// <summary>
/// Issue 4's IMAP table: one folder of N realistic messages in Portal and in Debian's dovecot-imapd, side by side in
/// one run, the same MailKit calls against both; then issue 5's webmail queries on the same folder.
/// Each read is run three times after a warm-up, and the median is reported.
/// </summary>
internal static class Imap100kBenchmark
{
    private const string Address = "bench@bench.test";
    private const string PortalPassword = "Correct-Horse-9";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(Option(args, "--messages", "100000"), CultureInfo.InvariantCulture);
        var appends = int.Parse(Option(args, "--appends", "2000"), CultureInfo.InvariantCulture);
        var start = new DateTime(2024, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        var rows = new List<(string Name, double Portal, double Dovecot, string Target)>();

        await using var host = await PortalTestHost.StartAsync(extra: new Dictionary<string, string?> { ["Portal:Imap:MaxLiteralSize"] = "10485760" });
        await host.AddUserAsync(Address, PortalPassword);
        await using var dovecot = await DovecotServer.StartAsync();
        var portalPort = int.Parse(host.Settings["Portal:Protocols:Imap:Port"]!, CultureInfo.InvariantCulture);

        var load = Stopwatch.StartNew();
        var mailbox = (await host.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<IAccountService>().FindMailboxAsync(Address))!;
        var store = host.Services.GetRequiredService<IMessageStore>();
        var inbox = (await store.FindFolderAsync(mailbox.Id, FolderRole.Inbox))!;
        const int batch = 500;
        for (var first = 0; first < count; first += batch)
        {
            var requests = Enumerable.Range(first, Math.Min(batch, count - first)).Select(i =>
            {
                var date = start.AddMinutes(i * 5);
                var bytes = BenchMail.Message(i, date);
                var seen = i < count - 300;
                var name = string.Create(CultureInfo.InvariantCulture, $"{1_700_000_000 + i}.M{i}P1.bench,S={bytes.Length}:2,{(seen ? "S" : string.Empty)}");
                File.WriteAllBytes(Path.Combine(dovecot.Maildir, "cur", name), bytes);
                File.SetLastWriteTimeUtc(Path.Combine(dovecot.Maildir, "cur", name), date);
                return new Core.Mail.AppendRequest(new MemoryStream(bytes), seen ? Core.Mail.MessageFlags.Seen : Core.Mail.MessageFlags.None, InternalDateUtc: date);
            }).ToList();
            await store.AppendBatchAsync(inbox.Id, requests);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"loaded {count} messages into both in {load.Elapsed.TotalSeconds:F0} s"));
        await dovecot.RunAsync();

        using var portal = await ConnectAsync(portalPort, Address, PortalPassword);
        using var peer = await ConnectAsync(dovecot.Port, DovecotServer.User, DovecotServer.Password);
        var clients = new[] { portal, peer };

        // Warm-up: dovecot builds its index and cache on first use, as it would have at delivery.
        foreach (var client in clients)
        {
            await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
            await client.Inbox.SearchAsync(SearchQuery.SubjectContains("warm-up"));
            await client.Inbox.FetchAsync(Math.Max(0, client.Inbox.Count - 50), -1, MessageSummaryItems.Envelope | MessageSummaryItems.BodyStructure);
        }

        async Task Row(string name, string target, Func<ImapClient, Task> action)
        {
            var times = new double[2];
            for (var c = 0; c < 2; c++)
            {
                var runs = new List<double>();
                for (var r = 0; r < 3; r++)
                {
                    var watch = Stopwatch.StartNew();
                    await action(clients[c]);
                    runs.Add(watch.Elapsed.TotalMilliseconds);
                }

                times[c] = runs.Order().ElementAt(1);
            }

            rows.Add((name, times[0], times[1], target));
        }

        await Row("SELECT INBOX", "<= 1x", async c => { await c.Inbox.CloseAsync(); await c.Inbox.OpenAsync(FolderAccess.ReadWrite); });
        await Row("UID FETCH 1:* (FLAGS)", "<= 1x", c => c.Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags));
        await Row("FETCH newest 50 ENVELOPE BODYSTRUCTURE", "<= 1x", c => c.Inbox.FetchAsync(c.Inbox.Count - 50, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.BodyStructure));
        var subjectHits = new int[2];
        var bodyHits = new int[2];
        await Row($"UID SEARCH SUBJECT {BenchMail.SubjectTerm}", "<= 0.5x", async c => subjectHits[c == portal ? 0 : 1] = (await c.Inbox.SearchAsync(SearchQuery.SubjectContains(BenchMail.SubjectTerm))).Count);
        await Row($"UID SEARCH BODY {BenchMail.BodyTerm}", "<= 0.05x", async c => bodyHits[c == portal ? 0 : 1] = (await c.Inbox.SearchAsync(SearchQuery.BodyContains(BenchMail.BodyTerm))).Count);
        if (subjectHits[0] != subjectHits[1] || bodyHits[0] != bodyHits[1])
        {
            Console.WriteLine($"result counts differ: SUBJECT {subjectHits[0]} vs {subjectHits[1]}, BODY {bodyHits[0]} vs {bodyHits[1]}");
        }

        var appendRates = new double[2];
        appendRates[0] = await AppendRateAsync(portalPort, Address, PortalPassword, appends);
        appendRates[1] = await AppendRateAsync(dovecot.Port, DovecotServer.User, DovecotServer.Password, appends);

        // Webmail (issue 5): server time of the first page and of a body search, on the same folder.
        var queries = host.Services.GetRequiredService<IMessageQueries>();
        var search = host.Services.GetRequiredService<IMailSearch>();
        var page = await Median(() => queries.ListPageAsync(mailbox.Id, inbox.Id, MessageSort.Date, true, 0, 50));
        var found = await Median(() => search.SearchAsync(mailbox.Id, inbox.Id, BenchMail.BodyTerm, 0, 50));
        var folders = await Median(() => queries.ListFoldersAsync(mailbox.Id));

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imap-100k: {count} messages, SQLite, median of 3 (ms); SUBJECT hits {subjectHits[0]}/{subjectHits[1]}, BODY hits {bodyHits[0]}/{bodyHits[1]}"));
        Console.WriteLine("| operation | Portal | dovecot | Portal/dovecot | target |");
        Console.WriteLine("|---|---:|---:|---:|---|");
        foreach (var (name, p, d, target) in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {p:F0} ms | {d:F0} ms | {p / d:F2} | {target} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| APPEND, 8 clients, {appends} x ~10 KB | {appendRates[0]:F0} msg/s | {appendRates[1]:F0} msg/s | {appendRates[0] / appendRates[1]:F2}x | >= 1.5x |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| webmail ListPageAsync first 50 | {page:F0} ms | | | < 200 ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| webmail SearchAsync body | {found:F0} ms | | | < 500 ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| webmail ListFoldersAsync | {folders:F0} ms | | | |"));
        return 0;
    }

    private static async Task<double> AppendRateAsync(int port, string user, string password, int total)
    {
        var messages = Enumerable.Range(0, total).Select(i => MimeMessage.Load(new MemoryStream(BenchMail.Message(1_000_000 + (i % 10 * 10 + 4), DateTime.UtcNow)))).ToList();
        var clients = new List<ImapClient>();
        for (var c = 0; c < 8; c++)
        {
            var client = await ConnectAsync(port, user, password);
            clients.Add(client);
        }

        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                await client.Inbox.AppendAsync(messages[i]);
            }
        })));
        var rate = total / watch.Elapsed.TotalSeconds;
        foreach (var client in clients)
        {
            await client.DisconnectAsync(true);
            client.Dispose();
        }

        return rate;
    }

    private static async Task<double> Median<T>(Func<Task<T>> action)
    {
        await action();
        var runs = new List<double>();
        for (var r = 0; r < 3; r++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            runs.Add(watch.Elapsed.TotalMilliseconds);
        }

        return runs.Order().ElementAt(1);
    }

    private static async Task<ImapClient> ConnectAsync(int port, string user, string password)
    {
        var client = new ImapClient { Timeout = 600_000 };
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, password);
        return client;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
