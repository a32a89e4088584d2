using MudBlazor.Services;

namespace Portal.Web.Components;

public static class ComponentsExtensions
{
    private const string ReloadStaticAssetsKey = "ReloadStaticAssetsAtRuntime";

    public static WebApplicationBuilder AddPortalComponents(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The host serves its package assets (MudBlazor, Blazor's script) from the build manifest, for which ASP.NET
        // Core turns on its development "reload at runtime" handler unless told otherwise. That handler compares each
        // file's time stamp with the manifest's on every request, and where they differ (by a second for MudBlazor's
        // CSS) it re-gzips the file without compression into memory and hashes it twice: 627 KB sent per new tab
        // instead of the prebuilt 67 KB gzip. Those assets never change under a running server. Files of the web root
        // outside the manifest (portal.css, mail.js) are served by UseStaticFiles.
        if (builder.Configuration[ReloadStaticAssetsKey] is null)
        {
            builder.Configuration.AddInMemoryCollection([new(ReloadStaticAssetsKey, "false")]);
        }

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddScoped<CurrentAccount>();
        return builder;
    }

    public static WebApplication MapPortalComponents(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStaticFiles();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
