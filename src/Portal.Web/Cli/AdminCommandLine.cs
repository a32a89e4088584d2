using Microsoft.Extensions.Options;
using Portal.Core.Tenancy;
using Portal.Data;
using Portal.Data.Hosting;

namespace Portal.Web.Cli;

/// <summary>
/// <c>Portal.Web admin …</c>: manage domains and accounts from a shell, reading the same settings as the server
/// (appsettings.json, PORTAL__… environment variables). Exit codes: 0 done, 1 refused (one line on stderr), 2 usage.
/// </summary>
public static class AdminCommandLine
{
    public const int Ok = 0;
    public const int Refused = 1;
    public const int Usage = 2;

    public const string UsageText = """
        usage:
          admin domain add NAME [--edition Free|Professional|Enterprise]
          admin domain list
          admin user add ADDRESS (--password P | --password-stdin) [--role User|DomainAdmin|Reseller|SystemAdmin]
          admin user passwd ADDRESS (--password P | --password-stdin)
          admin user list [--domain NAME]
        """;

    public static bool IsAdminCommand(string[] args) => args is ["admin", ..];

    /// <param name="settings">Extra settings, applied last (tests point the data directory here).</param>
    public static async Task<int> RunAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdin);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        AdminCommand command;
        try
        {
            command = AdminCommand.Parse(args.Skip(1).ToArray(), stdin);
        }
        catch (UsageException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync(UsageText).ConfigureAwait(false);
            return Usage;
        }

        try
        {
            using var host = BuildHost(settings);
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync().ConfigureAwait(false);
            await using var scope = host.Services.CreateAsyncScope();
            var accounts = scope.ServiceProvider.GetRequiredService<IAccountService>();
            await command.RunAsync(accounts, stdout).ConfigureAwait(false);
            return Ok;
        }
        catch (AccountException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
            return Refused;
        }
        catch (Exception ex) when (ex is InvalidOperationException or OptionsValidationException or IOException or System.Data.Common.DbException)
        {
            await stderr.WriteLineAsync($"error: {ex.Message.ReplaceLineEndings(" ")}").ConfigureAwait(false);
            return Refused;
        }
    }

    private static IHost BuildHost(IEnumerable<KeyValuePair<string, string?>>? settings)
    {
        // The same configuration sources as the server, minus the command line (its words are ours).
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ApplicationName = typeof(AdminCommandLine).Assembly.GetName().Name });
        builder.Configuration.AddEnvironmentVariables("ASPNETCORE_");
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.Logging.ClearProviders();
        builder.Services.AddPortalData();
        return builder.Build();
    }
}
