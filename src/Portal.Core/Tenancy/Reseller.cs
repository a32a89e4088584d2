namespace Portal.Core.Tenancy;

/// <summary>A hosting partner who owns customer domains.</summary>
public sealed class Reseller
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public DateTime CreatedUtc { get; set; }
}
