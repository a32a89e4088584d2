using System.Collections.Concurrent;
using System.Net;

namespace Portal.Core.Security;

/// <summary>
/// Counts failed sign-ins per remote address in a fixed window. Loopback is counted like any other address:
/// a brute-force run from a local proxy must be throttled as well.
/// </summary>
public sealed class AddressThrottle(TimeProvider time, int limit, TimeSpan window)
{
    private readonly ConcurrentDictionary<IPAddress, Window> _failures = new();

    public bool IsThrottled(IPAddress? address)
    {
        if (address is null || !_failures.TryGetValue(address, out var w))
        {
            return false;
        }

        return w.Start + window > time.GetUtcNow() && w.Count >= limit;
    }

    public void RecordFailure(IPAddress? address)
    {
        if (address is null)
        {
            return;
        }

        var now = time.GetUtcNow();
        _failures.AddOrUpdate(address, _ => new Window(now, 1), (_, w) => w.Start + window > now ? w with { Count = w.Count + 1 } : new Window(now, 1));

        // Keep the table bounded: drop expired windows now and then.
        if (_failures.Count > 10_000)
        {
            foreach (var entry in _failures)
            {
                if (entry.Value.Start + window <= now)
                {
                    _failures.TryRemove(entry);
                }
            }
        }
    }

    public void RecordSuccess(IPAddress? address)
    {
        if (address is not null)
        {
            _failures.TryRemove(address, out _);
        }
    }

    private readonly record struct Window(DateTimeOffset Start, int Count);
}
