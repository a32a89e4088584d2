namespace Portal.Core.Security;

/// <summary>A password for one mail client, usable in place of the account password once two-factor sign-in is on.</summary>
public sealed class AppPassword
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    public required string PasswordHash { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? LastUsedUtc { get; set; }
}
