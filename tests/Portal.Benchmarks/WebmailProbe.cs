using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Portal.Web.Mail;

namespace Portal.Benchmarks;

/// <summary>
/// Server time of one webmail operation, taken inside the host (this process) between <see cref="Begin"/> and
/// <see cref="End"/>: the wall time of the page's load activities (<see cref="WebmailTelemetry"/>: database, blob,
/// parse, sanitise), and the CPU time the whole server process used meanwhile (those loads, Blazor's render diffs,
/// SignalR, Kestrel; Chromium runs in other processes). Blazor's own <c>render_diff.duration</c> is not used: it
/// lasts until the browser acknowledges the batch, so it holds network and browser time.
/// </summary>
internal sealed class WebmailProbe : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly ConcurrentQueue<(long At, string Name, double Ms)> _events = new();
    private long _begin;
    private TimeSpan _cpu;

    public WebmailProbe()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == WebmailTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => _events.Enqueue((Stopwatch.GetTimestamp(), activity.OperationName, activity.Duration.TotalMilliseconds)),
        };
        ActivitySource.AddActivityListener(_activities);
    }

    public void Begin()
    {
        _events.Clear();
        _cpu = Cpu();
        _begin = Stopwatch.GetTimestamp();
    }

    /// <summary>Since <see cref="Begin"/>: the load activities' wall time, the server's CPU time, and the wall time.</summary>
    public Sample End()
    {
        var wall = Stopwatch.GetElapsedTime(_begin).TotalMilliseconds;
        var cpu = (Cpu() - _cpu).TotalMilliseconds;
        var load = _events.Where(e => e.At >= _begin).Sum(e => e.Ms);
        return new Sample(load, cpu, wall);
    }

    public void Dispose() => _activities.Dispose();

    private static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    internal sealed record Sample(double LoadMs, double CpuMs, double WallMs);
}
