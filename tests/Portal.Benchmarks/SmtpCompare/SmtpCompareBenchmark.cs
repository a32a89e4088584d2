using System.Globalization;

namespace Portal.Benchmarks.SmtpCompare;

/// <summary>
/// Issue 3's comparison: the same load (N parallel senders, 10 KB and 1 MB messages, counted until every message is
/// visible over IMAP) against Portal and against Debian's postfix delivering to dovecot over LMTP, in one run on one
/// machine, with the ratio per size. SPF/DKIM/DMARC checks are switched off on Portal (postfix checks nothing here).
/// Each server first takes a warm-up load that is not counted (<c>--warmup</c> 10 KB messages, then <c>--warmup-large</c>
/// 1 MB messages), so the figures are the sustained rate of a running server and not a fresh process's start (JIT,
/// caches, postfix spawning its daemons); each counted load starts once the server is idle, and what the server still
/// does after it (Portal's search indexer runs behind the deliveries) is reported as a catch-up time and CPU. Both
/// sizes are warmed: a large message runs code a small one does not (the temp file, long text extraction), and .NET's
/// tiered JIT spent a quarter of Portal's CPU recompiling it for the first ~1,000 of them.
/// </summary>
internal static class SmtpCompareBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var clients = int.Parse(Option(args, "--clients", "16"), CultureInfo.InvariantCulture);
        var small = int.Parse(Option(args, "--messages", "1000"), CultureInfo.InvariantCulture);
        var large = int.Parse(Option(args, "--large-messages", "200"), CultureInfo.InvariantCulture);
        var warmup = int.Parse(Option(args, "--warmup", "2000"), CultureInfo.InvariantCulture);
        var warmupLarge = int.Parse(Option(args, "--warmup-large", "1000"), CultureInfo.InvariantCulture);
        var loads = new[] { (Size: 10 * 1024, Messages: small), (Size: 1024 * 1024, Messages: large) };

        var only = Option(args, "--only", "both");
        await PostfixDovecot.EnsureInstalledAsync();
        var results = new List<LoadResult>();
        if (only != "postfix")
        {
            await using var portal = new PortalProcess();
            await portal.StartAsync(new Dictionary<string, string?>
            {
                ["Portal:Smtp:CheckSpf"] = "false",
                ["Portal:Smtp:CheckDkim"] = "false",
                ["Portal:Smtp:CheckDmarc"] = "false",
                ["Portal:Smtp:MaxMessageSize"] = "10485760",
            });
            await WarmUpAsync("portal", portal.SmtpPort, portal.ImapPort, PortalProcess.User, PortalProcess.Password, clients, warmup, warmupLarge, [portal.Pid]);
            foreach (var (size, messages) in loads.Where(l => l.Messages > 0))
            {
                await SettleAsync("portal", [portal.Pid]);
                await using var meter = new ProcessTreeMeter([portal.Pid]);
                var result = await LoadRun.RunAsync("portal", portal.SmtpPort, portal.ImapPort, PortalProcess.User, PortalProcess.Password, clients, messages, size, [portal.Pid]);
                Console.WriteLine(result);
                results.Add(result);
                await CatchUpAsync(result, meter, [portal.Pid]);
            }
        }

        if (only != "portal")
        {
            await using var peer = new PostfixDovecot();
            await peer.StartAsync();
            var master = await peer.PostfixMasterPidAsync();
            await WarmUpAsync("postfix+dovecot", peer.SmtpPort, peer.ImapPort, PostfixDovecot.User, PostfixDovecot.Password, clients, warmup, warmupLarge, [master, peer.DovecotPid]);
            foreach (var (size, messages) in loads.Where(l => l.Messages > 0))
            {
                await SettleAsync("postfix+dovecot", [master, peer.DovecotPid]);
                await using var meter = new ProcessTreeMeter([master, peer.DovecotPid]);
                var result = await LoadRun.RunAsync("postfix+dovecot", peer.SmtpPort, peer.ImapPort, PostfixDovecot.User, PostfixDovecot.Password, clients, messages, size, [master, peer.DovecotPid]);
                Console.WriteLine(result);
                results.Add(result);
                await CatchUpAsync(result, meter, [master, peer.DovecotPid]);
            }
        }

        foreach (var (size, _) in loads)
        {
            var ours = results.SingleOrDefault(r => r.Server == "portal" && r.Size == size);
            var theirs = results.SingleOrDefault(r => r.Server != "portal" && r.Size == size);
            if (ours is null || theirs is null)
            {
                continue;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio size={size}: portal / postfix+dovecot = {ours.PerSecond / theirs.PerSecond:F2}x messages per second, CPU per message {ours.CpuMsPerMessage / theirs.CpuMsPerMessage:F2}x"));
        }

        return 0;
    }

    private static async Task WarmUpAsync(string server, int smtpPort, int imapPort, string user, string password, int clients, int small, int large, IReadOnlyList<int> processes)
    {
        foreach (var (size, messages) in new[] { (10 * 1024, small), (1024 * 1024, large) })
        {
            if (messages > 0)
            {
                var result = await LoadRun.RunAsync(server, smtpPort, imapPort, user, password, clients, messages, size, processes);
                Console.WriteLine($"warm-up (not counted): {result}");
            }
        }
    }

    /// <summary>
    /// What the server still did once every message was visible (Portal's search indexer runs behind the deliveries by
    /// design, ADR 0004): the time until it was idle and its CPU per message with that work included.
    /// </summary>
    private static async Task CatchUpAsync(LoadResult result, ProcessTreeMeter meter, IReadOnlyList<int> processes)
    {
        var idle = await SettleAsync(result.Server, processes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{result.Server,-16} size={result.Size,8}: idle {idle.TotalSeconds:F0} s after the last message was visible; CPU {1000 * meter.CpuSecondsSinceStart / result.Messages:F2} ms/msg with that catch-up"));
    }

    /// <summary>
    /// Waits until the server's processes are idle (under 5% of a core for a second; at most a minute) before a counted
    /// load: work left over from the one before (Portal's search indexer catching up on 1 MB texts, postfix's queue)
    /// would otherwise be charged to the next.
    /// </summary>
    private static async Task<TimeSpan> SettleAsync(string server, IReadOnlyList<int> processes)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await using var meter = new ProcessTreeMeter(processes);
        var last = 0.0;
        while (System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(1))
        {
            await Task.Delay(1000);
            var now = meter.CpuSecondsSinceStart;
            if (now - last < 0.05)
            {
                break;
            }

            last = now;
        }

        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{server}: idle after {elapsed.TotalSeconds:F0} s"));
        return elapsed;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
