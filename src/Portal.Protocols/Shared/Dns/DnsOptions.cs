using System.ComponentModel.DataAnnotations;

namespace Portal.Protocols.Shared.Dns;

/// <summary>DNS for mail (<c>Portal:Dns</c>): which servers, and how long to wait. Short: DNS must never stall mail.</summary>
public sealed class DnsOptions
{
    public const string SectionName = "Portal:Dns";

    /// <summary>Comma-separated server addresses ("192.0.2.53" or "192.0.2.53:5353"); empty uses the system's.</summary>
    public string Servers { get; set; } = string.Empty;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(3);

    [Range(0, 5)]
    public int Retries { get; set; } = 1;
}
