namespace Portal.Web.Hosting;

/// <summary>The first SystemAdmin, created at start when both values are set and the account does not exist yet.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Portal:Bootstrap";

    public string? AdminAddress { get; set; }

    public string? AdminPassword { get; set; }
}
