using System.Globalization;

namespace Portal.Benchmarks;

/// <summary>
/// Memory of a process and all its descendants from /proc: the sum of their proportional set sizes (PSS), so pages
/// shared by many forked processes (dovecot's one-process-per-session imap) are counted once, not once per process.
/// </summary>
internal static class ProcessTreeMemory
{
    public static long Pss(int rootPid)
    {
        var parents = new Dictionary<int, int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && ParentOf(pid) is { } parent)
            {
                parents[pid] = parent;
            }
        }

        var total = 0L;
        foreach (var pid in parents.Keys.Where(p => IsUnder(p, rootPid, parents)))
        {
            total += PssOf(pid);
        }

        return total;
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

    private static int? ParentOf(int pid)
    {
        try
        {
            // "pid (comm) state ppid ...": comm may hold spaces and brackets, so read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.Parse(fields[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
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
