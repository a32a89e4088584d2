using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Tenancy;
using Portal.Data;
using Portal.Data.Hosting;

namespace Portal.Testing;

/// <summary>The store's services over one empty database, migrated, without a web host.</summary>
public sealed class TestStore : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    private TestStore(TempDirectory directory, ServiceProvider services, string dataDirectory)
    {
        _directory = directory;
        Services = services;
        DataDirectory = dataDirectory;
    }

    public ServiceProvider Services { get; }

    public string DataDirectory { get; }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public static async Task<TestStore> CreateAsync(TempDirectory directory, IDictionary<string, string?> settings, Action<IServiceCollection>? configure)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPortalData();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync().ConfigureAwait(false);
        return new TestStore(directory, provider, settings["Portal:DataDirectory"]!);
    }

    /// <summary>Adds the domain if needed and a mailbox with the default folders and collections.</summary>
    public async Task<Mailbox> AddMailboxAsync(string address, string password = "Correct-Horse-9", string role = PortalRoles.User)
    {
        await using var scope = Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<IAccountService>();
        var domain = address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..];
        if (!(await accounts.ListDomainsAsync().ConfigureAwait(false)).Any(d => d.Name == domain))
        {
            await accounts.AddDomainAsync(domain, Edition.Enterprise).ConfigureAwait(false);
        }

        return await accounts.AddMailboxAsync(address, password, role).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync().ConfigureAwait(false);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
