using System.Globalization;

namespace Portal.Benchmarks;

/// <summary>
/// CPU time of whole processes at nanosecond resolution: the sum over every thread of the time the scheduler ran it
/// (first field of /proc/&lt;pid&gt;/task/&lt;tid&gt;/schedstat). /proc/&lt;pid&gt;/stat counts in 10 ms ticks, too coarse
/// for a row that takes a server 20 ms.
/// </summary>
internal static class ThreadCpu
{
    /// <summary>The CPU time so far of every live thread of the given processes, in nanoseconds, by (pid, tid).</summary>
    public static Dictionary<(int, int), long> Snapshot(IEnumerable<int> pids)
    {
        var threads = new Dictionary<(int, int), long>();
        foreach (var pid in pids)
        {
            try
            {
                foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
                {
                    try
                    {
                        var text = File.ReadAllText(Path.Combine(task, "schedstat"));
                        threads[(pid, int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture))] = long.Parse(text.AsSpan(0, text.IndexOf(' ', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
                    }
                    catch (IOException)
                    {
                        // The thread ended between the listing and the read.
                    }
                }
            }
            catch (DirectoryNotFoundException)
            {
            }
        }

        return threads;
    }

    /// <summary>
    /// Milliseconds of CPU used between two snapshots by threads alive at the second (threads started in between count
    /// whole). A thread that ended in between loses its share: a thread-pool thread retires after seconds of idling.
    /// </summary>
    public static double Milliseconds(Dictionary<(int, int), long> before, Dictionary<(int, int), long> after) =>
        after.Sum(t => t.Value - before.GetValueOrDefault(t.Key)) / 1e6;

    /// <summary>
    /// Milliseconds of CPU between two snapshots used by the .NET runtime's own threads (background and server garbage
    /// collection, the tiered JIT's background compiler), named by /proc/&lt;pid&gt;/task/&lt;tid&gt;/comm. A
    /// workstation GC that runs on the allocating thread is not among them.
    /// </summary>
    public static double RuntimeMilliseconds(Dictionary<(int, int), long> before, Dictionary<(int, int), long> after) =>
        after.Where(t => t.Value > before.GetValueOrDefault(t.Key) && IsRuntimeThread(t.Key)).Sum(t => t.Value - before.GetValueOrDefault(t.Key)) / 1e6;

    private static bool IsRuntimeThread((int Pid, int Tid) thread)
    {
        try
        {
            var name = File.ReadAllText($"/proc/{thread.Pid}/task/{thread.Tid}/comm").TrimEnd('\n');
            return name is ".NET BGC" or ".NET Server GC" or ".NET Tiered Com" or ".NET Finalizer";
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>A process and its descendants now (dovecot's master and the imap processes it forked).</summary>
    public static List<int> Tree(int rootPid) => ProcessTree.Members(rootPid);
}
