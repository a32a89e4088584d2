using System.Globalization;

namespace Portal.Benchmarks;

/// <summary>
/// A process and all its descendants, read from /proc: the sum of their proportional set sizes (PSS), so pages shared
/// by many forked processes (dovecot's one-process-per-session imap) are counted once, not once per process; and the
/// CPU time they used.
/// </summary>
internal static class ProcessTree
{
    /// <summary>Linux reports CPU times in clock ticks of 1/100 s (USER_HZ) on every architecture .NET runs on.</summary>
    private const double TicksPerSecond = 100;

    public static long Pss(int rootPid) => Members(rootPid).Sum(PssOf);

    public static TimeSpan CpuTime(int rootPid) => TimeSpan.FromSeconds(Members(rootPid).Sum(pid => Stat(pid) is { } s ? s.CpuTicks : 0) / TicksPerSecond);

    /// <summary>A process and its descendants now (e.g. dovecot's master and the imap processes it forked).</summary>
    public static List<int> Members(int rootPid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && Stat(pid) is { } stat)
            {
                parents[pid] = stat.Parent;
            }
        }

        return parents.Keys.Where(p => IsUnder(p, rootPid, parents)).ToList();
    }

    private static bool IsUnder(int pid, int root, Dictionary<int, int> parents)
    {
        for (var p = pid; p > 1; p = parents.GetValueOrDefault(p, 0))
        {
            if (p == root)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The parent pid and user+system CPU ticks, or null when the process is gone.</summary>
    private static (int Parent, long CpuTicks)? Stat(int pid)
    {
        try
        {
            // "pid (comm) state ppid ... utime stime ...": comm may hold spaces and brackets, so split after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long PssOf(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/smaps_rollup").FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
