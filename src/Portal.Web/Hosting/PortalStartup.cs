using Microsoft.Extensions.Options;
using Portal.Core.Tenancy;
using Portal.Data.Hosting;
using Portal.Protocols.Shared;

namespace Portal.Web.Hosting;

/// <summary>What runs once before the host serves: migrations, the TLS certificate, the bootstrap admin.</summary>
public static partial class PortalStartup
{
    public static WebApplicationBuilder AddPortalBootstrap(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.SectionName);
        return builder;
    }

    public static async Task InitializePortalAsync(this IHost app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.Services;
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken).ConfigureAwait(false);
        _ = services.GetRequiredService<TlsCertificateProvider>().Certificate;

        var bootstrap = services.GetRequiredService<IOptions<BootstrapOptions>>().Value;
        if (!string.IsNullOrWhiteSpace(bootstrap.AdminAddress) && !string.IsNullOrEmpty(bootstrap.AdminPassword))
        {
            await using var scope = services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<IAccountService>();
            if (await accounts.EnsureSystemAdminAsync(bootstrap.AdminAddress, bootstrap.AdminPassword, cancellationToken).ConfigureAwait(false))
            {
                LogAdminCreated(services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalStartup)), bootstrap.AdminAddress);
            }
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Created the first SystemAdmin {Address}")]
    private static partial void LogAdminCreated(ILogger logger, string address);
}
