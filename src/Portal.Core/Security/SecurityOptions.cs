using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Security;

/// <summary>Lockout and throttling of sign-in attempts, shared by every protocol.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Portal:Security";

    /// <summary>Failed attempts on one account before it is locked out.</summary>
    [Range(1, 1000)]
    public int MaxFailedAttemptsPerAccount { get; set; } = 10;

    /// <summary>How long an account stays locked out.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failed attempts from one remote address within <see cref="AddressWindow"/> before it is throttled.</summary>
    [Range(1, 100000)]
    public int MaxFailedAttemptsPerAddress { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AddressWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Minimum password length for new passwords.</summary>
    [Range(6, 128)]
    public int MinimumPasswordLength { get; set; } = 8;
}
