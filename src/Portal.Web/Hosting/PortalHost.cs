using Portal.Data;
using Portal.Protocols;
using Portal.Protocols.Imap;
using Portal.Protocols.Pop3;
using Portal.Protocols.Smtp;
using Portal.Web.Account;
using Portal.Web.Components;
using Portal.Web.Jobs;
using Portal.Web.Mail;

namespace Portal.Web.Hosting;

/// <summary>The table of contents of the server: each feature adds and maps itself.</summary>
public static class PortalHost
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <param name="args">Command-line arguments (standard ASP.NET Core ones such as --urls, and Portal:... settings).</param>
    /// <param name="configure">Lets tests add settings or replace services before the host is built.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // Settings are read at start, not watched: reloading appsettings.json means a recursive watcher over the
            // content root, which holds the data directory by default (./data), so every blob written woke it and each
            // of the blob store's directories took an inotify watch. A later --hostBuilder:reloadConfigOnChange wins.
            Args = ["--hostBuilder:reloadConfigOnChange=false", .. args],
            ApplicationName = typeof(PortalHost).Assembly.GetName().Name,
            WebRootPath = WebRoot.Locate(),
        });

        // Static assets of packages (MudBlazor, Blazor's script) are served from the build output in every environment.
        builder.WebHost.UseStaticWebAssets();
        builder.AddHttpEndpoints();

        builder.Services.AddPortalData();
        builder.AddPortalDataProtection();
        builder.Services.AddDeviceRegistryFlusher();
        builder.Services.AddSearchIndexer();
        builder.Services.AddProtocolShared();
        builder.AddSmtp();
        builder.AddImap();
        builder.AddPop3();
        builder.AddPortalBootstrap();
        builder.AddPortalAccount();
        builder.AddPortalJobs();
        builder.AddPortalMail();
        builder.AddPortalComponents();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UsePortalAccount();
        app.MapPortalAccount();
        app.MapPortalJobs();
        app.MapPortalMail();
        app.MapPortalComponents();
        return app;
    }
}
