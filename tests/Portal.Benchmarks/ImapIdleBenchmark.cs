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
/// its EXISTS (p50/p99/max, measured in the child on one clock).
/// </summary>
internal static class ImapIdleBenchmark
{
    public const string Password = "Correct-Horse-9";

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = Option(args, "--sessions", "2000,10000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var rounds = int.Parse(Option(args, "--appends", "5"), CultureInfo.InvariantCulture);
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
        Console.WriteLine("| sessions | server RSS per session | managed heap per session | APPEND to all EXISTS p50 | p99 | max |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var sessions in sizes)
        {
            var (rssBefore, heapBefore) = Measure();
            using var child = StartClients(port, sessions, rounds);
            var ready = await child.StandardOutput.ReadLineAsync();
            if (ready != "READY")
            {
                Console.Error.WriteLine($"clients failed: {ready} {await child.StandardError.ReadToEndAsync()}");
                return 1;
            }

            var (rssAfter, heapAfter) = Measure();
            await child.StandardInput.WriteLineAsync("GO");
            await child.StandardInput.FlushAsync();
            var result = await child.StandardOutput.ReadLineAsync() ?? "no result";
            await child.WaitForExitAsync();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {sessions} | {(rssAfter - rssBefore) / 1024.0 / sessions:F1} KB | {(heapAfter - heapBefore) / 1024.0 / sessions:F1} KB | {result} |"));
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        return 0;
    }

    private static Process StartClients(string port, int sessions, int rounds)
    {
        var self = Environment.ProcessPath!;
        var info = new ProcessStartInfo(self) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.Ordinal))
        {
            // Started as "dotnet Portal.Benchmarks.dll" (the apphost's own name, "Portal.Benchmarks", has no extension to drop).
            info.ArgumentList.Add(typeof(ImapIdleBenchmark).Assembly.Location);
        }

        foreach (var arg in new[] { "imap-idle-clients", "--port", port, "--sessions", sessions.ToString(CultureInfo.InvariantCulture), "--appends", rounds.ToString(CultureInfo.InvariantCulture) })
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
