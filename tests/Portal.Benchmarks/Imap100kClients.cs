using System.Diagnostics;
using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using MailKit.Security;
using MimeKit;

namespace Portal.Benchmarks;

/// <summary>
/// The client side of imap-100k: the same MailKit calls (and bare-socket probes) against Portal and dovecot. By default
/// it runs in a process of its own ("imap-100k-client"), so that neither server shares a process, its CPU time or its
/// garbage collector with the client that parses the replies: dovecot never did, and in-process Portal did.
/// </summary>
internal static class Imap100kClients
{
    internal sealed record Results(List<TimedRow> Rows, int[] SubjectHits, int[] BodyHits, double[] AppendRates);

    /// <summary>
    /// One server's timed runs of a row: wall time, the server's CPU, the client's CPU and the part of the server's CPU
    /// its runtime threads used (<see cref="ThreadCpu.RuntimeMilliseconds"/>), each in ms; and the wall times of the
    /// untimed warm-up calls before them, the first call first.
    /// </summary>
    internal sealed record Runs(List<double> Wall, List<double> ServerCpu, List<double> ClientCpu, List<double> RuntimeCpu, List<double> Warmup)
    {
        public Runs()
            : this([], [], [], [], [])
        {
        }

        public static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

        public override string ToString() => string.Join(';', new[] { Wall, ServerCpu, ClientCpu, RuntimeCpu, Warmup }.Select(v => string.Join(',', v.Select(x => x.ToString("R", CultureInfo.InvariantCulture)))));

        public static Runs Parse(string text)
        {
            var parts = text.Split(';').Select(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => double.Parse(x, CultureInfo.InvariantCulture)).ToList()).ToList();
            return new Runs(parts[0], parts[1], parts[2], parts[3], parts[4]);
        }
    }

    internal sealed record TimedRow(string Name, string Target, Runs Portal, Runs Dovecot);

    /// <summary>Child process entry: measures, then writes one tab-separated line per result for the parent.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var results = await MeasureAsync(
            int.Parse(ImapIdleBenchmark.Option(args, "--portal-port", "0"), CultureInfo.InvariantCulture),
            int.Parse(ImapIdleBenchmark.Option(args, "--dovecot-port", "0"), CultureInfo.InvariantCulture),
            int.Parse(ImapIdleBenchmark.Option(args, "--messages", "0"), CultureInfo.InvariantCulture),
            int.Parse(ImapIdleBenchmark.Option(args, "--appends", "0"), CultureInfo.InvariantCulture),
            int.Parse(ImapIdleBenchmark.Option(args, "--runs", "3"), CultureInfo.InvariantCulture),
            int.Parse(ImapIdleBenchmark.Option(args, "--portal-pid", "0"), CultureInfo.InvariantCulture),
            int.Parse(ImapIdleBenchmark.Option(args, "--dovecot-pid", "0"), CultureInfo.InvariantCulture));
        foreach (var row in results.Rows)
        {
            Console.WriteLine($"row\t{row.Name}\t{row.Target}\t{row.Portal}\t{row.Dovecot}");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hits\t{results.SubjectHits[0]}\t{results.SubjectHits[1]}\t{results.BodyHits[0]}\t{results.BodyHits[1]}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"append\t{results.AppendRates[0]:R}\t{results.AppendRates[1]:R}"));
        return 0;
    }

    /// <summary>Starts this program again as the client and reads its results.</summary>
    public static async Task<Results> RunProcessAsync(int portalPort, int dovecotPort, int count, int appends, int runs, int portalPid, int dovecotPid)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };

        // The clients run on .NET's defaults, not on the server's runtime settings that this program inherits (ServerRuntime.props).
        info.Environment["DOTNET_TieredPGO"] = "1";
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.Ordinal))
        {
            // Started as "dotnet Portal.Benchmarks.dll" (the apphost's own name, "Portal.Benchmarks", has no extension to drop).
            info.ArgumentList.Add(typeof(Imap100kClients).Assembly.Location);
        }

        foreach (var arg in new[] { "imap-100k-client", "--portal-port", Text(portalPort), "--dovecot-port", Text(dovecotPort), "--messages", Text(count), "--appends", Text(appends), "--runs", Text(runs), "--portal-pid", Text(portalPid), "--dovecot-pid", Text(dovecotPid) })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"imap-100k-client failed with exit code {process.ExitCode}: {output}");
        }

        var results = new Results([], new int[2], new int[2], new double[2]);
        foreach (var fields in output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split('\t')))
        {
            switch (fields[0])
            {
                case "row":
                    results.Rows.Add(new TimedRow(fields[1], fields[2], Runs.Parse(fields[3]), Runs.Parse(fields[4])));
                    break;
                case "hits":
                    (results.SubjectHits[0], results.SubjectHits[1]) = ((int)Number(fields[1]), (int)Number(fields[2]));
                    (results.BodyHits[0], results.BodyHits[1]) = ((int)Number(fields[3]), (int)Number(fields[4]));
                    break;
                case "append":
                    (results.AppendRates[0], results.AppendRates[1]) = (Number(fields[1]), Number(fields[2]));
                    break;
                default:
                    Console.WriteLine(string.Join('\t', fields));
                    break;
            }
        }

        return results;

        static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
        static double Number(string value) => double.Parse(value, CultureInfo.InvariantCulture);
    }

    public static async Task<Results> MeasureAsync(int portalPort, int dovecotPort, int count, int appends, int runCount, int portalPid, int dovecotPid)
    {
        var results = new Results([], new int[2], new int[2], new double[2]);
        using var portal = await ConnectAsync(portalPort, Imap100kBenchmark.Address, Imap100kBenchmark.PortalPassword);
        using var peer = await ConnectAsync(dovecotPort, DovecotServer.User, DovecotServer.Password);
        var clients = new[] { portal, peer };

        // Warm-up: dovecot builds its index and cache on first use, as it would have at delivery.
        foreach (var client in clients)
        {
            await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
            await client.Inbox.SearchAsync(SearchQuery.SubjectContains("warm-up"));
            await client.Inbox.FetchAsync(Math.Max(0, client.Inbox.Count - 50), -1, MessageSummaryItems.Envelope | MessageSummaryItems.BodyStructure);
        }

        // The CPU each server spends on a run (Portal: its host process; dovecot: its master's tree, the imap processes
        // serving these sessions included) and the client's own, beside the wall time: on 2 cores a server that burns
        // CPU while the client parses its reply slows the client down.
        var me = new[] { Environment.ProcessId };
        var servers = new[] { portalPid > 0 ? new List<int> { portalPid } : [], dovecotPid > 0 ? ThreadCpu.Tree(dovecotPid) : [] };
        async Task Timed(int server, Runs runs, Func<Task<double?>> action)
        {
            SettleClientHeap();
            var (serverCpu, clientCpu) = (ThreadCpu.Snapshot(servers[server]), ThreadCpu.Snapshot(me));
            var watch = Stopwatch.StartNew();
            var own = await action();
            var wall = own ?? watch.Elapsed.TotalMilliseconds;
            runs.ClientCpu.Add(ThreadCpu.Milliseconds(clientCpu, ThreadCpu.Snapshot(me)));
            var serverAfter = ThreadCpu.Snapshot(servers[server]);
            runs.ServerCpu.Add(ThreadCpu.Milliseconds(serverCpu, serverAfter));
            runs.RuntimeCpu.Add(ThreadCpu.RuntimeMilliseconds(serverCpu, serverAfter));
            runs.Wall.Add(wall);
        }

        // Each row first warms both servers up with untimed calls, then times the two servers in turns (Portal,
        // dovecot; dovecot, Portal; ...). Run back to back, the first server's runs paid for the JIT tiering of
        // MailKit's parsing of that reply (until 2026-11-28 always Portal's: about 200 ms of client CPU for the first
        // three FETCH 1:* (FLAGS) at 20,000 against under 100 ms once tiered), which the second never did. The warm-up
        // is WarmupCalls calls or WarmupTime of calls, whichever ends first (at least one): a row whose call takes a few
        // milliseconds otherwise timed Portal's code while its JIT still ran it unoptimised (.NET tiers a method up
        // after 30 calls), which a server that has been up for a while never does. The first call's time is kept.
        async Task Row(string name, string target, Func<int, Task<double?>> action)
        {
            var runs = new[] { new Runs(), new Runs() };
            for (var c = 0; c < 2; c++)
            {
                var warming = Stopwatch.StartNew();
                do
                {
                    var call = Stopwatch.StartNew();
                    var own = await action(c);
                    runs[c].Warmup.Add(own ?? call.Elapsed.TotalMilliseconds);
                }
                while (runs[c].Warmup.Count < WarmupCalls && warming.Elapsed < WarmupTime);
            }

            // At least runCount pairs; a row whose pairs take milliseconds goes on up to TimedPairs pairs or TimedTime,
            // so that its median is not one of five runs a millisecond apart.
            var timing = Stopwatch.StartNew();
            for (var r = 0; r < runCount || (r < TimedPairs && timing.Elapsed < TimedTime); r++)
            {
                foreach (var c in r % 2 == 0 ? new[] { 0, 1 } : [1, 0])
                {
                    await Timed(c, runs[c], () => action(c));
                }
            }

            results.Rows.Add(new TimedRow(name, target, runs[0], runs[1]));
        }

        Task Mailkit(string name, string target, Func<ImapClient, Task> action) => Row(name, target, async c =>
        {
            await action(clients[c]);
            return null;
        });

        await Mailkit("SELECT INBOX", "<= 1x", async c => { await c.Inbox.CloseAsync(); await c.Inbox.OpenAsync(FolderAccess.ReadWrite); });
        await Mailkit("UID FETCH 1:* (FLAGS)", "<= 1x", c => c.Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags));
        await Mailkit("FETCH newest 50 ENVELOPE BODYSTRUCTURE", "<= 1x", c => c.Inbox.FetchAsync(c.Inbox.Count - 50, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.BodyStructure));
        await Mailkit($"UID SEARCH SUBJECT {BenchMail.SubjectTerm}", "<= 0.5x", async c => results.SubjectHits[c == portal ? 0 : 1] = (await c.Inbox.SearchAsync(SearchQuery.SubjectContains(BenchMail.SubjectTerm))).Count);
        await Mailkit($"UID SEARCH BODY {BenchMail.BodyTerm}", "<= 0.05x", async c => results.BodyHits[c == portal ? 0 : 1] = (await c.Inbox.SearchAsync(SearchQuery.BodyContains(BenchMail.BodyTerm))).Count);

        // The same reads over a bare socket: the servers' time without MailKit's parsing of the replies.
        using var portalRaw = await RawImapProbe.ConnectAsync(portalPort, Imap100kBenchmark.Address, Imap100kBenchmark.PortalPassword);
        using var peerRaw = await RawImapProbe.ConnectAsync(dovecotPort, DovecotServer.User, DovecotServer.Password);
        servers[1] = dovecotPid > 0 ? ThreadCpu.Tree(dovecotPid) : [];
        var probes = new[] { portalRaw, peerRaw };
        Task RawRow(string name, string target, string command) =>
            Row(name + " (raw socket)", target, async c => (await probes[c].RunAsync(command)).Milliseconds);

        await RawRow("UID FETCH 1:* (FLAGS)", "<= 1x", "UID FETCH 1:* (FLAGS)");
        await RawRow("FETCH newest 50 ENVELOPE BODYSTRUCTURE", "<= 1x", string.Create(CultureInfo.InvariantCulture, $"FETCH {Math.Max(1, count - 49)}:* (UID ENVELOPE BODYSTRUCTURE)"));
        await RawRow($"UID SEARCH SUBJECT {BenchMail.SubjectTerm}", "<= 0.5x", $"UID SEARCH SUBJECT {BenchMail.SubjectTerm}");

        results.AppendRates[0] = await AppendRateAsync(portalPort, Imap100kBenchmark.Address, Imap100kBenchmark.PortalPassword, appends);
        results.AppendRates[1] = await AppendRateAsync(dovecotPort, DovecotServer.User, DovecotServer.Password, appends);
        return results;
    }

    /// <summary>The most untimed calls a row makes to each server before its timed runs.</summary>
    internal const int WarmupCalls = 50;

    /// <summary>The time after which a row's warm-up ends, its call made at least once.</summary>
    internal static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(1);

    /// <summary>The most timed pairs of runs (one per server) a short row makes beyond the --runs asked for.</summary>
    internal const int TimedPairs = 51;

    /// <summary>The time after which a row makes no more timed pairs than the --runs asked for.</summary>
    internal static readonly TimeSpan TimedTime = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Collects the client's garbage before a timed run. The MailKit FLAGS row leaves ~100,000 summaries behind; left
    /// to the runtime, they are collected during a later run, often the other server's (runs alternate).
    /// </summary>
    internal static void SettleClientHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
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

    private static async Task<ImapClient> ConnectAsync(int port, string user, string password)
    {
        var client = new ImapClient { Timeout = 600_000 };
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        await client.AuthenticateAsync(user, password);
        return client;
    }
}
