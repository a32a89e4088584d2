using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Security;
using Portal.Core.Tenancy;
using Portal.Data.Stores;
using Portal.Testing;

namespace Portal.Benchmarks;

/// <summary>
/// IMAP IDLE at scale: the server (this process) takes N sessions IDLEing on one Inbox, opened by a child process
/// (<see cref="ImapIdleClients"/>) so that client memory is not counted. Reports server memory per session (RSS and
/// managed heap, after full GCs, before vs. after the sessions) and the time from an APPEND until every session has
/// its EXISTS (p50/p99/max, measured in the child on one clock). With --server both (or dovecot) the same clients then run against
/// Debian's dovecot-imapd (memory: PSS of its process tree).
/// </summary>
internal static class ImapIdleBenchmark
{
    public const string Password = "Correct-Horse-9";

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = Option(args, "--sessions", "2000,10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var rounds = int.Parse(Option(args, "--appends", "5"), CultureInfo.InvariantCulture);
        var servers = Option(args, "--server", "portal");
        FileLimits.Raise(sizes.Max() + 4096);
        await using var host = await PortalTestHost.StartAsync(
            extra: new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" },
            configure: builder => builder.Services.AddSingleton<ICredentialService>(sp => new CachedCredentials(ActivatorUtilities.CreateInstance<CredentialService>(sp))));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<IAccountService>();
            await accounts.AddDomainAsync("example.test", Edition.Enterprise);
            await accounts.AddMailboxAsync("idle@example.test", Password, PortalRoles.User);
        }

        var port = host.Settings["Portal:Protocols:Imap:Port"]!;
        var rows = new List<string>();
        foreach (var sessions in servers is "portal" or "both" ? sizes : [])
        {
            var row = await MeasureAsync("Portal", port, "idle@example.test", Password, sessions, rounds, Measure, () => Process.GetCurrentProcess().TotalProcessorTime);
            if (row is null)
            {
                return 1;
            }

            rows.Add(row);
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        if (servers is "dovecot" or "both")
        {
            // The same clients against dovecot-imapd; its memory is the PSS of its whole process tree (one imap process per session).
            var inotify = int.Parse(File.ReadAllText("/proc/sys/fs/inotify/max_user_instances").Trim(), CultureInfo.InvariantCulture);
            if (inotify < sizes.Max() + 16)
            {
                // Each IDLEing imap process holds an inotify instance; past the limit dovecot only looks every mailbox_idle_check_interval (30 s).
                Console.Error.WriteLine($"fs.inotify.max_user_instances is {inotify}: raise it above {sizes.Max()} for dovecot's IDLE (sysctl -w fs.inotify.max_user_instances=...)");
            }

            await using var dovecot = await DovecotServer.StartAsync(maxSessions: sizes.Max() + 16, mailFormat: Option(args, "--dovecot-format", "maildir"));
            await dovecot.RunAsync();
            foreach (var sessions in sizes)
            {
                var row = await MeasureAsync("dovecot", dovecot.Port.ToString(CultureInfo.InvariantCulture), DovecotServer.User, DovecotServer.Password, sessions, rounds,
                    () => (ProcessTree.Pss(dovecot.MasterPid), 0), () => ProcessTree.CpuTime(dovecot.MasterPid));
                if (row is null)
                {
                    return 1;
                }

                rows.Add(row);
                await Task.Delay(TimeSpan.FromSeconds(5));
            }
        }

        Console.WriteLine("| server | sessions | memory per session, idle | after the wakes | managed heap per session | server CPU per wake | APPEND reply p50 | APPEND to EXISTS p50 | p99 | max | load average |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        return 0;
    }

    /// <summary>
    /// One row: memory before the sessions, with them IDLEing, and again after every session was woken by each APPEND;
    /// the server's CPU time over the timed rounds per session woken (steadier than wall time on a shared machine).
    /// </summary>
    private static async Task<string?> MeasureAsync(string server, string port, string user, string password, int sessions, int rounds,
        Func<(long Memory, long Heap)> measure, Func<TimeSpan> cpu)
    {
        var (before, heapBefore) = measure();
        using var child = StartClients(port, user, password, sessions, rounds);
        var ready = await child.StandardOutput.ReadLineAsync();
        if (ready != "READY")
        {
            Console.Error.WriteLine($"{server}: clients failed: {ready} {await child.StandardError.ReadToEndAsync()}");
            return null;
        }

        var (idle, heapIdle) = measure();
        var load = LoadAverage();
        await child.StandardInput.WriteLineAsync("GO");
        await child.StandardInput.FlushAsync();
        var warm = await child.StandardOutput.ReadLineAsync();
        var cpuBefore = cpu();
        await child.StandardInput.WriteLineAsync("GO");
        await child.StandardInput.FlushAsync();
        var result = await child.StandardOutput.ReadLineAsync();
        var cpuPerWake = (cpu() - cpuBefore).TotalMicroseconds / sessions / rounds;
        if (warm != "WARM" || result is null)
        {
            Console.Error.WriteLine($"{server}: clients failed: {await child.StandardError.ReadToEndAsync()}");
            return null;
        }

        var (woken, _) = measure();
        load += " / " + LoadAverage();
        await child.StandardInput.WriteLineAsync("BYE");
        await child.StandardInput.FlushAsync();
        await child.WaitForExitAsync();
        var heap = server == "Portal" ? string.Create(CultureInfo.InvariantCulture, $"{(heapIdle - heapBefore) / 1024.0 / sessions:F1} KB") : "n/a";
        var row = string.Create(CultureInfo.InvariantCulture,
            $"| {server} | {sessions:N0} | {(idle - before) / 1024.0 / sessions:F1} KB | {(woken - before) / 1024.0 / sessions:F1} KB | {heap} | {cpuPerWake:F0} µs | {result} | {load} |");
        Console.Error.WriteLine(row);
        return row;
    }

    /// <summary>The 1-minute load average (other engineers share the machine: every number goes with it).</summary>
    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static Process StartClients(string port, string user, string password, int sessions, int rounds)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };

        // The clients run on .NET's defaults, not on the server's runtime settings that this program inherits (ServerRuntime.props).
        info.Environment["DOTNET_TieredPGO"] = "1";
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.Ordinal))
        {
            // Started as "dotnet Portal.Benchmarks.dll" (the apphost's own name, "Portal.Benchmarks", has no extension to drop).
            info.ArgumentList.Add(typeof(ImapIdleBenchmark).Assembly.Location);
        }

        foreach (var arg in new[] { "imap-idle-clients", "--port", port, "--sessions", sessions.ToString(CultureInfo.InvariantCulture), "--appends", rounds.ToString(CultureInfo.InvariantCulture), "--user", user, "--password", password })
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info)!;
    }

    /// <summary>Resident set size (from /proc) and managed heap after full, compacting collections.</summary>
    internal static (long Rss, long Heap) Measure()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        var heap = GC.GetTotalMemory(forceFullCollection: true);
        var status = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        var kb = long.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return (kb * 1024, heap);
    }

    internal static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
