using System.Globalization;

namespace Portal.Benchmarks.SmtpCompare;

/// <summary>
/// CPU time and resident memory of a server's process tree, read from /proc: each process's own time plus the time of
/// its children that already exited (cutime/cstime), and the peak of the summed RSS sampled every 50 ms.
/// </summary>
internal sealed class ProcessTreeMeter : IAsyncDisposable
{
    private static readonly double TicksPerSecond = 100.0;
    private readonly IReadOnlyList<int> _roots;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampler;
    private readonly double _startCpu;

    public ProcessTreeMeter(IReadOnlyList<int> roots)
    {
        _roots = roots;
        _startCpu = CpuSeconds();
        _sampler = SampleAsync();
    }

    public long PeakRssBytes { get; private set; }

    public double CpuSecondsSinceStart => CpuSeconds() - _startCpu;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _sampler;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            PeakRssBytes = Math.Max(PeakRssBytes, Tree().Sum(Rss));
            await Task.Delay(50, _stop.Token);
        }
    }

    private double CpuSeconds()
    {
        double ticks = 0;
        foreach (var pid in Tree())
        {
            var fields = Stat(pid);
            if (fields is null)
            {
                continue;
            }

            // utime, stime, cutime, cstime (proc(5) fields 14-17; index 11-14 after the command name).
            ticks += fields.Skip(11).Take(4).Sum(f => double.Parse(f, CultureInfo.InvariantCulture));
        }

        return ticks / TicksPerSecond;
    }

    private List<int> Tree() => _roots.SelectMany(ProcessTree.Members).Distinct().ToList();

    /// <summary>The fields after "(comm)": state, ppid, ...</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long Rss(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
