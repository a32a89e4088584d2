namespace Portal.Core.Tenancy;

/// <summary>An extra address that delivers to one or more targets (local mailboxes or outside addresses).</summary>
public sealed class Alias
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DomainId { get; set; }
    public required string Address { get; set; }

    /// <summary>Target addresses, comma-separated.</summary>
    public required string Targets { get; set; }

    public DateTime CreatedUtc { get; set; }

    public IReadOnlyList<string> TargetList =>
        Targets.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
