using System.Runtime.CompilerServices;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;
using Portal.Core.Hosting;
using Portal.Data.Hosting;

namespace Portal.Web.Jobs;

/// <summary>
/// Hangfire on the store's database: PostgreSQL and SQL Server keep its tables beside ours; with SQLite it gets a
/// file of its own in the data directory (see docs/adr/0002-hangfire-storage.md), dashboard at /admin/jobs.
/// </summary>
public static class JobsExtensions
{
    public const string DashboardPath = "/admin/jobs";

    public static WebApplicationBuilder AddPortalJobs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddTransient<JournalRetentionJob>();
        builder.Services.AddTransient<OutboundQueueSweepJob>();
        // Hangfire's static filter registry logs from its type initializer; run it now, before any host's logger
        // factory is installed as Hangfire's global log provider (a later disposed factory would break it for good).
        RuntimeHelpers.RunClassConstructor(typeof(Hangfire.Common.JobFilterProviders).TypeHandle);
        builder.Services.AddHangfire((sp, config) =>
        {
            config.UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>()));
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var dataDirectory = sp.GetRequiredService<IOptions<PortalOptions>>().Value.DataDirectoryFullPath;
            switch (database.Provider)
            {
                case DatabaseProvider.PostgreSql:
                    config.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(PortalDbOptions.ConnectionStringFor(database, dataDirectory)));
                    break;
                case DatabaseProvider.SqlServer:
                    config.UseSqlServerStorage(PortalDbOptions.ConnectionStringFor(database, dataDirectory));
                    break;
                default:
                    Directory.CreateDirectory(dataDirectory);
                    config.UseSQLiteStorage(Path.Combine(dataDirectory, "jobs.db"), new SQLiteStorageOptions { QueuePollInterval = TimeSpan.FromSeconds(1) });
                    break;
            }
        });

        var jobs = builder.Configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        if (jobs.RunServer)
        {
            builder.Services.AddHangfireServer(o => o.WorkerCount = jobs.WorkerCount);
        }

        return builder;
    }

    public static WebApplication MapPortalJobs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [new SystemAdminDashboardFilter()],
            DisplayStorageConnectionString = false,
            AppPath = "/",
            DashboardTitle = "Portal jobs",
        });
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
            recurring.AddOrUpdate<JournalRetentionJob>(JournalRetentionJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
            recurring.AddOrUpdate<OutboundQueueSweepJob>(OutboundQueueSweepJob.Id, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
        });
        return app;
    }
}
