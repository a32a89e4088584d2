using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Delivery;

/// <summary>Outbound delivery (<c>Portal:Outbound</c>): where mail goes, how often it is retried, and for how long.</summary>
public sealed class OutboundOptions : IValidatableObject
{
    public const string SectionName = "Portal:Outbound";

    /// <summary>Whether this node drains the queue.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The name given in EHLO to remote servers.</summary>
    [Required]
    public string HeloName { get; set; } = "localhost";

    /// <summary>The port remote MX hosts listen on (RFC 5321 §4.5.4: 25).</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    /// <summary>Send everything through this host ("host" or "host:port") instead of looking up MX records.</summary>
    public string SmartHost { get; set; } = string.Empty;

    /// <summary>Waits after the first, second, ... failed attempt; the last one repeats (RFC 5321 §4.5.4.1: at least 30 minutes is usual).</summary>
    [Required]
    public string RetrySchedule { get; set; } = "00:05:00,00:15:00,00:30:00,01:00:00,02:00:00,04:00:00";

    /// <summary>How long a message may stay queued before it bounces (RFC 5321 §4.5.4.1: 4-5 days).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(5);

    /// <summary>
    /// After how long in the queue a recipient that asked for NOTIFY=DELAY (RFC 3461 §4.1) gets one "delayed" notice;
    /// zero turns the notices off. Four hours, as sendmail and Exim warn.
    /// </summary>
    public TimeSpan DelayNotice { get; set; } = TimeSpan.FromHours(4);

    /// <summary>How often the queue is swept when nothing wakes it.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time allowed for connecting and for each command to a remote server.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long delivered and failed recipients stay on the queue page before the hourly sweep removes them.</summary>
    public TimeSpan FinishedRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Domains delivered to at the same time.</summary>
    [Range(1, 256)]
    public int MaxConcurrentDomains { get; set; } = 4;

    public IReadOnlyList<TimeSpan> Retries() =>
        RetrySchedule.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => TimeSpan.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        IReadOnlyList<TimeSpan>? retries = null;
        try
        {
            retries = Retries();
        }
        catch (FormatException)
        {
        }
        catch (OverflowException)
        {
        }

        if (retries is null || retries.Count == 0 || retries.Any(r => r <= TimeSpan.Zero))
        {
            yield return new ValidationResult($"{SectionName}:RetrySchedule must be a comma-separated list of positive times (hh:mm:ss).", [nameof(RetrySchedule)]);
        }
    }
}
