using Microsoft.AspNetCore.DataProtection;
using Portal.Core.Hosting;

namespace Portal.Web.Hosting;

internal static class DataProtectionExtensions
{
    /// <summary>Cookie and antiforgery keys live in the data directory, so sign-ins survive a restart and move with the data.</summary>
    public static WebApplicationBuilder AddPortalDataProtection(this WebApplicationBuilder builder)
    {
        var portal = builder.Configuration.GetSection(PortalOptions.SectionName).Get<PortalOptions>() ?? new PortalOptions();
        var keys = Path.Combine(portal.DataDirectoryFullPath, "keys");
        Directory.CreateDirectory(keys);
        builder.Services.AddDataProtection().SetApplicationName("Portal").PersistKeysToFileSystem(new DirectoryInfo(keys));
        return builder;
    }
}
