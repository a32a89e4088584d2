using MudBlazor.Services;

namespace Portal.Web.Components;

public static class ComponentsExtensions
{
    public static WebApplicationBuilder AddPortalComponents(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
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
