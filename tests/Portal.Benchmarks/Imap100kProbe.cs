using System.Diagnostics;
using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;

namespace Portal.Benchmarks;

/// <summary>
/// Many alternating runs of the two fetch rows against servers held by <c>imap-100k --hold</c>, with percentiles: the
/// wall time, each side's CPU, and for the bare socket the time to the first byte and the number of reads the reply
/// took. Usage: <c>imap-100k-probe --portal-port P --dovecot-port D --messages N [--runs 200] [--flag-runs 20] [--case NAME] [--portal-pid] [--dovecot-pid] [--no-settle]</c>;
/// --no-settle leaves the client's garbage to the runtime instead of collecting it before each timed run.
/// </summary>
internal static class Imap100kProbe
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Number(string name, string fallback) => int.Parse(ImapIdleBenchmark.Option(args, name, fallback), CultureInfo.InvariantCulture);
        var (ports, count, runs) = (new[] { Number("--portal-port", "0"), Number("--dovecot-port", "0") }, Number("--messages", "0"), Number("--runs", "200"));
        var flagRuns = Number("--flag-runs", (runs / 10).ToString(CultureInfo.InvariantCulture));
        var only = ImapIdleBenchmark.Option(args, "--case", string.Empty);
        var settle = !args.Contains("--no-settle");
        var servers = new[] { new List<int> { Number("--portal-pid", "0") }, ThreadCpu.Tree(Number("--dovecot-pid", "0")) };
        var logins = new[] { (Imap100kBenchmark.Address, Imap100kBenchmark.PortalPassword), (DovecotServer.User, DovecotServer.Password) };
        var names = new[] { "Portal", "dovecot" };
        var me = new[] { Environment.ProcessId };

        var clients = new ImapClient[2];
        var probes = new RawImapProbe[2];
        for (var s = 0; s < 2; s++)
        {
            clients[s] = new ImapClient { Timeout = 600_000 };
            await clients[s].ConnectAsync("127.0.0.1", ports[s], SecureSocketOptions.None);
            await clients[s].AuthenticateAsync(logins[s].Item1, logins[s].Item2);
            await clients[s].Inbox.OpenAsync(FolderAccess.ReadWrite);
            probes[s] = await RawImapProbe.ConnectAsync(ports[s], logins[s].Item1, logins[s].Item2);
        }

        // The imap processes dovecot forked for these sessions.
        servers[1] = ThreadCpu.Tree(Number("--dovecot-pid", "0"));
        var newest = string.Create(CultureInfo.InvariantCulture, $"FETCH {Math.Max(1, count - 49)}:* (UID ENVELOPE BODYSTRUCTURE)");
        var cases = new (string Name, int Runs, Func<int, Task<double[]>> Action)[]
        {
            ("FETCH 1:* (FLAGS), MailKit", Math.Max(3, flagRuns), async s => { await clients[s].Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags); return []; }),
            ("FETCH 1:* (FLAGS), raw", Math.Max(3, flagRuns), async s => { var r = await probes[s].RunAsync("UID FETCH 1:* (FLAGS)"); return [r.Milliseconds, probes[s].FirstByteMilliseconds, probes[s].Reads, r.Bytes]; }),
            ("newest 50, MailKit", runs, async s => { await clients[s].Inbox.FetchAsync(clients[s].Inbox.Count - 50, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Envelope | MessageSummaryItems.BodyStructure); return []; }),
            ("newest 50, raw", runs, async s => { var r = await probes[s].RunAsync(newest); return [r.Milliseconds, probes[s].FirstByteMilliseconds, probes[s].Reads, r.Bytes]; }),
        };

        Console.WriteLine("| case | server | runs | wall p10 / p50 / p90 ms | server CPU p50 ms | client CPU p50 ms | first byte p50 / p90 ms | reads p50 | bytes |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, n, action) in cases.Where(c => c.Name.Contains(only, StringComparison.Ordinal)))
        {
            var samples = new[] { new List<double[]>(), new List<double[]>() };
            for (var s = 0; s < 2; s++)
            {
                await action(s);
            }

            for (var r = 0; r < n; r++)
            {
                foreach (var s in r % 2 == 0 ? new[] { 0, 1 } : [1, 0])
                {
                    if (settle)
                    {
                        Imap100kClients.SettleClientHeap();
                    }

                    var (serverCpu, clientCpu) = (ThreadCpu.Snapshot(servers[s]), ThreadCpu.Snapshot(me));
                    var watch = Stopwatch.StartNew();
                    var extra = await action(s);
                    var wall = extra.Length > 0 ? extra[0] : watch.Elapsed.TotalMilliseconds;
                    var client = ThreadCpu.Milliseconds(clientCpu, ThreadCpu.Snapshot(me));
                    var server = ThreadCpu.Milliseconds(serverCpu, ThreadCpu.Snapshot(servers[s]));
                    samples[s].Add([wall, server, client, .. extra.Skip(1)]);
                }
            }

            for (var s = 0; s < 2; s++)
            {
                double P(int column, double q) => Percentile(samples[s].Select(x => x[column]), q);
                var raw = samples[s][0].Length > 3;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {names[s]} | {n} | {P(0, 0.1):F2} / {P(0, 0.5):F2} / {P(0, 0.9):F2} | {P(1, 0.5):F2} | {P(2, 0.5):F2} | {(raw ? $"{P(3, 0.5):F2} / {P(3, 0.9):F2}" : "")} | {(raw ? P(4, 0.5).ToString("F0", CultureInfo.InvariantCulture) : "")} | {(raw ? P(5, 0.5).ToString("F0", CultureInfo.InvariantCulture) : "")} |"));
                if (n <= 20)
                {
                    // Few runs (a fresh server's first ones): each run's wall / server CPU / client CPU, in order.
                    Console.WriteLine("|  | runs |  | " + string.Join("; ", samples[s].Select(x => string.Create(CultureInfo.InvariantCulture, $"{x[0]:F0}/{x[1]:F0}/{x[2]:F0}"))) + " |  |  |  |  |  |");
                }
            }
        }

        foreach (var client in clients)
        {
            client.Dispose();
        }

        foreach (var probe in probes)
        {
            probe.Dispose();
        }

        return 0;
    }

    private static double Percentile(IEnumerable<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))];
    }
}
