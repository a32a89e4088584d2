namespace Portal.Core.Tenancy;

/// <summary>The four roles, from most to least powerful: SystemAdmin &gt; Reseller &gt; DomainAdmin &gt; User.</summary>
public static class PortalRoles
{
    public const string SystemAdmin = "SystemAdmin";
    public const string Reseller = "Reseller";
    public const string DomainAdmin = "DomainAdmin";
    public const string User = "User";

    public static IReadOnlyList<string> All { get; } = [SystemAdmin, Reseller, DomainAdmin, User];

    /// <summary>Returns the canonical spelling of a role name, or null when it is not one of ours.</summary>
    public static string? Normalize(string name) =>
        All.FirstOrDefault(r => string.Equals(r, name, StringComparison.OrdinalIgnoreCase));
}
