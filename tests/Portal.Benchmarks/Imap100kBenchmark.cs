using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Mail;
using Portal.Core.Mail.Reading;
using Portal.Core.Mail.Search;
using Portal.Core.Tenancy;
using Portal.Testing;

namespace Portal.Benchmarks;

/// <summary>
/// Issue 4's IMAP table: one folder of N realistic messages in Portal and in Debian's dovecot-imapd, side by side in
/// one run, the same MailKit calls against both (from a client process of their own, <see cref="Imap100kClients"/>);
/// then issue 5's webmail queries on the same folder.
/// Each read is run once untimed, then --runs times (5) in turns, and the median is reported with the spread and CPU.
/// </summary>
internal static class Imap100kBenchmark
{
    internal const string Address = "bench@bench.test";
    internal const string PortalPassword = "Correct-Horse-9";

    public static async Task<int> RunAsync(string[] args)
    {
        var count = int.Parse(Option(args, "--messages", "100000"), CultureInfo.InvariantCulture);
        var appends = int.Parse(Option(args, "--appends", "2000"), CultureInfo.InvariantCulture);
        var start = new DateTime(2024, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        var runs = int.Parse(Option(args, "--runs", "5"), CultureInfo.InvariantCulture);

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
        if (args.Contains("--hold"))
        {
            // Both servers stay up with the same messages for captures by hand (protocol logs, strace) until stdin ends;
            // each line read prints Portal's process's garbage collection and JIT totals so far.
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"holding: portal {portalPort}, dovecot {dovecot.Port}; a line on stdin prints runtime totals, its end stops"));
            while (await Console.In.ReadLineAsync() is not null)
            {
                Console.WriteLine(RuntimeTotals());
            }

            return 0;
        }

        // The clients run in a process of their own unless --in-process (how this table was measured before 2026-11-28).
        var client = args.Contains("--in-process")
            ? await Imap100kClients.MeasureAsync(portalPort, dovecot.Port, count, appends, runs, Environment.ProcessId, dovecot.MasterPid)
            : await Imap100kClients.RunProcessAsync(portalPort, dovecot.Port, count, appends, runs, Environment.ProcessId, dovecot.MasterPid);
        var (subjectHits, bodyHits, appendRates) = (client.SubjectHits, client.BodyHits, client.AppendRates);
        if (subjectHits[0] != subjectHits[1] || bodyHits[0] != bodyHits[1])
        {
            Console.WriteLine($"result counts differ: SUBJECT {subjectHits[0]} vs {subjectHits[1]}, BODY {bodyHits[0]} vs {bodyHits[1]}");
        }

        // Webmail (issue 5): server time of the first page and of a body search, on the same folder.
        var queries = host.Services.GetRequiredService<IMessageQueries>();
        var search = host.Services.GetRequiredService<IMailSearch>();
        var page = await Median(() => queries.ListPageAsync(mailbox.Id, inbox.Id, MessageSort.Date, true, 0, 50));
        var found = await Median(() => search.SearchAsync(mailbox.Id, inbox.Id, BenchMail.BodyTerm, 0, 50));
        var folders = await Median(() => queries.ListFoldersAsync(mailbox.Id));

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"imap-100k: {count} messages, SQLite, median of at least {runs} runs (up to {Imap100kClients.TimedPairs} for rows of a few ms) after a warm-up of each row (ms; wall time with [min-max] of the runs), clients {(args.Contains("--in-process") ? "in the server's process" : "in their own process")}; SUBJECT hits {subjectHits[0]}/{subjectHits[1]}, BODY hits {bodyHits[0]}/{bodyHits[1]}; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}"));
        Console.WriteLine("| operation | Portal | dovecot | Portal/dovecot | server CPU Portal / dovecot | of which Portal's runtime threads | client CPU Portal / dovecot | timed runs | first call Portal / dovecot (warm-up calls) | target |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in client.Rows)
        {
            var (p, d) = (Imap100kClients.Runs.Median(row.Portal.Wall), Imap100kClients.Runs.Median(row.Dovecot.Wall));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {row.Name} | {Wall(row.Portal)} | {Wall(row.Dovecot)} | {p / d:F2} | {Cpu(row.Portal.ServerCpu)} / {Cpu(row.Dovecot.ServerCpu)} | {Cpu(row.Portal.RuntimeCpu)} | {Cpu(row.Portal.ClientCpu)} / {Cpu(row.Dovecot.ClientCpu)} | {row.Portal.Wall.Count} | {Cpu([row.Portal.Warmup[0]])} / {Cpu([row.Dovecot.Warmup[0]])} ({row.Portal.Warmup.Count} / {row.Dovecot.Warmup.Count}) | {row.Target} |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| APPEND, 8 clients, {appends} x ~10 KB | {appendRates[0]:F0} msg/s | {appendRates[1]:F0} msg/s | {appendRates[0] / appendRates[1]:F2}x | >= 1.5x |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| webmail ListPageAsync first 50 | {page:F0} ms | | | < 200 ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| webmail SearchAsync body | {found:F0} ms | | | < 500 ms |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| webmail ListFoldersAsync | {folders:F0} ms | | | |"));
        Console.WriteLine(RuntimeTotals());
        return 0;
    }

    /// <summary>This process's (Portal's, in-process) garbage collections, allocations and JIT so far.</summary>
    private static string RuntimeTotals() => string.Create(
        CultureInfo.InvariantCulture,
        $"Portal's process: {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")} GC, collections gen0/1/2 {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}, GC pauses {GC.GetTotalPauseDuration().TotalMilliseconds:F1} ms, allocated {GC.GetTotalAllocatedBytes() / 1e6:F1} MB, heap {GC.GetGCMemoryInfo().HeapSizeBytes / 1e6:F0} MB, JIT {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:F0} ms for {System.Runtime.JitInfo.GetCompiledMethodCount()} methods");

    private static string Wall(Imap100kClients.Runs runs)
    {
        var median = Imap100kClients.Runs.Median(runs.Wall);
        var format = median < 10 ? "F1" : "F0";
        return string.Create(CultureInfo.InvariantCulture, $"{median.ToString(format, CultureInfo.InvariantCulture)} [{runs.Wall.Min().ToString(format, CultureInfo.InvariantCulture)}-{runs.Wall.Max().ToString(format, CultureInfo.InvariantCulture)}] ms");
    }

    private static string Cpu(List<double> values)
    {
        var median = Imap100kClients.Runs.Median(values);
        return median.ToString(median < 10 ? "F1" : "F0", CultureInfo.InvariantCulture);
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

    private static string Option(string[] args, string name, string fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
    }
}
