namespace Portal.Core.Delivery;

/// <summary>When to try a deferred recipient again, or whether to give up (RFC 5321 §4.5.4.1).</summary>
public static class RetryPolicy
{
    /// <summary>The next attempt after <paramref name="attempts"/> failed ones; null when the message is out of time.</summary>
    public static DateTime? Next(int attempts, DateTime createdUtc, DateTime nowUtc, IReadOnlyList<TimeSpan> schedule, TimeSpan maxAge)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var wait = schedule[Math.Clamp(attempts - 1, 0, schedule.Count - 1)];
        var next = nowUtc + wait;
        return next - createdUtc > maxAge ? null : next;
    }
}
