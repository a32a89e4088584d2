using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Tenancy;
using Portal.Web.Cli;
using Portal.Web.Hosting;

namespace Portal.Testing;

/// <summary>
/// The real Portal host (the same <see cref="PortalHost.Build"/> as Program.cs) on 127.0.0.1 with a free HTTP
/// port, free protocol ports, its own data directory and database.
/// </summary>
public sealed class PortalTestHost : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private PortalTestHost(TempDirectory directory, WebApplication app, Uri baseAddress, IReadOnlyDictionary<string, string?> settings)
    {
        _directory = directory;
        App = app;
        BaseAddress = baseAddress;
        Settings = settings;
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    /// <summary>The settings the host runs with; the admin command line given these talks to the same store.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<PortalTestHost> StartAsync(DatabaseFixture? databases = null, DatabaseKind kind = DatabaseKind.Sqlite, IDictionary<string, string?>? extra = null, Action<WebApplicationBuilder>? configure = null)
    {
        var directory = new TempDirectory();
        var settings = databases is null
            ? new Dictionary<string, string?> { ["Portal:DataDirectory"] = directory.Path }
            : await databases.NewSettingsAsync(kind, directory.Path).ConfigureAwait(false);
        foreach (var name in new[] { "Smtp", "Submission", "Smtps", "Imap", "Imaps", "Pop3", "Pop3s", "Xmpp", "Xmpps" })
        {
            settings[$"Portal:Protocols:{name}:Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        }

        settings["Portal:Protocols:BindAddress"] = "127.0.0.1";
        settings["Portal:Jobs:WorkerCount"] = "1";
        if (extra is not null)
        {
            foreach (var (key, value) in extra)
            {
                settings[key] = value;
            }
        }

        // Settings go in as command-line arguments: the host reads some of them while it is being built.
        // A fixed free port rather than 0: the server's address list also holds the protocol listeners.
        var httpPort = FreePort.Next();
        var args = new List<string> { "--urls", $"http://127.0.0.1:{httpPort}", "--environment", "Production" };
        args.AddRange(settings.Select(s => $"--{s.Key}={s.Value}"));
        var app = PortalHost.Build([.. args], configure);
        await app.InitializePortalAsync().ConfigureAwait(false);
        await app.StartAsync().ConfigureAwait(false);
        return new PortalTestHost(directory, app, new Uri($"http://127.0.0.1:{httpPort}/"), settings);
    }

    /// <summary>Runs the admin command line against this host's store, as a user would from a shell.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> AdminAsync(params string[] words)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var code = await AdminCommandLine.RunAsync(["admin", .. words], TextReader.Null, stdout, stderr, Settings).ConfigureAwait(false);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Creates a domain (if needed) and a user through the admin command line; throws when it refuses.</summary>
    public async Task AddUserAsync(string address, string password, string role = PortalRoles.User)
    {
        var domain = address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var list = await AdminAsync("domain", "list").ConfigureAwait(false);
        if (!list.Stdout.Split('\n').Any(l => l.StartsWith(domain + "\t", StringComparison.Ordinal)))
        {
            var added = await AdminAsync("domain", "add", domain).ConfigureAwait(false);
            if (added.ExitCode != 0)
            {
                throw new InvalidOperationException(added.Stderr);
            }
        }

        var result = await AdminAsync("user", "add", address, "--password", password, "--role", role).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Stderr);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
