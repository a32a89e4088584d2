using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Portal.Core.Changes;
using Portal.Core.Delivery;
using Portal.Core.Delivery.Forwarding;
using Portal.Core.Delivery.Rules;
using Portal.Core.Devices;
using Portal.Core.Groupware;
using Portal.Core.Hosting;
using Portal.Core.Mail;
using Portal.Core.Mail.Compose;
using Portal.Core.Mail.Reading;
using Portal.Core.Mail.Search;
using Portal.Core.Security;
using Portal.Core.Storage;
using Portal.Core.Tenancy;
using Portal.Data.Blobs;
using Portal.Data.Hosting;
using Portal.Data.Identity;
using Portal.Data.Search;
using Portal.Data.Stores;

namespace Portal.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>The store: database (provider from settings), Identity's user store, blobs, journal, notifier, credentials, devices.</summary>
    public static IServiceCollection AddPortalData(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SecurityOptions>().BindConfiguration(SecurityOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ForwardingOptions>().BindConfiguration(ForwardingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DeviceRegistryOptions>().BindConfiguration(DeviceRegistryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();

        services.AddPooledDbContextFactory<PortalDbContext>((sp, builder) =>
        {
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var dataDirectory = sp.GetRequiredService<IOptions<PortalOptions>>().Value.DataDirectoryFullPath;
            Directory.CreateDirectory(dataDirectory);
            PortalDbOptions.Configure(builder, database.Provider, PortalDbOptions.ConnectionStringFor(database, dataDirectory));

            // Interceptors registered in the container (diagnostics, fault injection in tests) join the provider's own.
            builder.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());

        // Identity's token providers (password reset, two-factor) need data protection; the web host persists its keys.
        services.AddDataProtection();
        services.AddIdentityCore<PortalUser>()
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders();
        services.AddOptions<IdentityOptions>().Configure<IOptions<SecurityOptions>>((identity, security) =>
        {
            // Addresses are validated by AddressSyntax; Identity's character list would refuse valid ones.
            identity.User.AllowedUserNameCharacters = string.Empty;
            identity.User.RequireUniqueEmail = false;
            identity.Password.RequiredLength = security.Value.MinimumPasswordLength;
            identity.Password.RequireNonAlphanumeric = false;
            identity.Lockout.AllowedForNewUsers = true;
            identity.Lockout.MaxFailedAccessAttempts = security.Value.MaxFailedAttemptsPerAccount;
            identity.Lockout.DefaultLockoutTimeSpan = security.Value.LockoutDuration;
        });

        services.TryAddSingleton<WriteGate>();
        services.TryAddSingleton<SearchIndexer>();
        services.TryAddSingleton<IBlobStore, FileBlobStore>();
        services.TryAddSingleton<IChangeNotifier, InProcessChangeNotifier>();
        services.TryAddSingleton<IMessageStore, MessageStore>();
        services.TryAddSingleton<IMessageQueries, MessageQueries>();
        services.TryAddSingleton<IMailSearch, MailSearch>();
        services.TryAddSingleton<IConversationQueries, ConversationQueries>();
        services.TryAddSingleton<IRemoteImageSenders, RemoteImageSenders>();
        services.TryAddSingleton<IGroupwareStore, GroupwareStore>();
        services.TryAddSingleton<IAddressDirectory, AddressDirectory>();
        services.TryAddSingleton<IMailIdentities, MailIdentities>();
        services.TryAddSingleton<IChangeJournal, ChangeJournal>();
        services.TryAddSingleton<ICredentialService, CredentialService>();
        services.TryAddSingleton<IDeviceRegistry, DeviceRegistry>();
        services.TryAddSingleton(sp => SrsKeyFile.Create(sp.GetRequiredService<IOptions<ForwardingOptions>>().Value, sp.GetRequiredService<IOptions<PortalOptions>>().Value.DataDirectoryFullPath));
        services.TryAddSingleton<IMailDelivery, MailDelivery>();
        services.TryAddSingleton<IMailboxRulesStore, MailboxRulesStore>();
        services.TryAddSingleton<GroupCommit>();
        services.TryAddSingleton<IMailRouter, MailRouter>();
        services.TryAddSingleton<OutboundWakeup>();
        services.TryAddSingleton<IOutboundQueue, OutboundQueue>();
        services.TryAddSingleton<IDkimKeyStore, DkimKeyStore>();
        services.TryAddScoped<IAccountService, AccountService>();
        services.TryAddScoped<IAccountSecurity, AccountSecurity>();
        services.TryAddSingleton<DatabaseInitializer>();
        return services;
    }

    /// <summary>The background writer of device activity; only the long-running host needs it.</summary>
    public static IServiceCollection AddDeviceRegistryFlusher(this IServiceCollection services) =>
        services.AddHostedService<DeviceRegistryFlusher>();

    /// <summary>The background writer of delivered mail's search text (<see cref="SearchIndexer"/>); only the long-running host needs it.</summary>
    public static IServiceCollection AddSearchIndexer(this IServiceCollection services) =>
        services.AddHostedService<SearchIndexerService>();
}
