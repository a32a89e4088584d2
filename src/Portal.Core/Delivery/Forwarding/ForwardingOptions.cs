using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Delivery.Forwarding;

/// <summary>Forwarding and automatic replies (<c>Portal:Forwarding</c>): the SRS key and age, and loop limits.</summary>
public sealed class ForwardingOptions
{
    public const string SectionName = "Portal:Forwarding";

    /// <summary>
    /// The key of SRS hashes. Empty: a random key is made once and kept in <c>{DataDirectory}/keys/srs.key</c>
    /// (several nodes share it through the data directory, or set the same value here on each).
    /// </summary>
    public string SrsSecret { get; set; } = string.Empty;

    /// <summary>How long a bounce to a rewritten sender is accepted (the SRS timestamp's age).</summary>
    public TimeSpan SrsMaxAge { get; set; } = TimeSpan.FromDays(21);

    /// <summary>A message already forwarded this many times by this server is kept, not forwarded again.</summary>
    [Range(1, 100)]
    public int MaxForwardHops { get; set; } = 3;

    /// <summary>A message with this many Received fields is not forwarded (RFC 5321 §6.3 loop detection).</summary>
    [Range(5, 500)]
    public int MaxReceivedHeaders { get; set; } = 50;
}
