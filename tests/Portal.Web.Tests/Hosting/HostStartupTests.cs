using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Security;
using Portal.Testing;
using Portal.Web.Jobs;

namespace Portal.Web.Tests.Hosting;

/// <summary>The whole host starts on each database: migrations, Hangfire on that database, the bootstrap admin, the sign-in page.</summary>
public sealed class HostStartupTests(DatabaseFixture databases) : IClassFixture<DatabaseFixture>
{
    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task The_host_starts_migrated_with_jobs_and_the_bootstrap_admin(DatabaseKind kind)
    {
        await using var host = await PortalTestHost.StartAsync(databases, kind, new Dictionary<string, string?>
        {
            ["Portal:Bootstrap:AdminAddress"] = "Admin@Example.test",
            ["Portal:Bootstrap:AdminPassword"] = "Bootstrap-Secret-1",
        });

        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var login = await http.GetAsync(new Uri("/account/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Contains("Sign in", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var credentials = host.Services.GetRequiredService<ICredentialService>();
        var admin = await credentials.VerifyAsync("admin@example.test", "Bootstrap-Secret-1", IPAddress.Loopback, "test");
        Assert.Equal(CredentialOutcome.Success, admin.Outcome);
        var users = await host.AdminAsync("user", "list");
        Assert.Contains("admin@example.test\tSystemAdmin\tno mailbox", users.Stdout, StringComparison.Ordinal);

        var storage = host.Services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        Assert.Contains(connection.GetRecurringJobs(), j => j.Id == JournalRetentionJob.Id);
        Assert.Contains(connection.GetRecurringJobs(), j => j.Id == OutboundQueueSweepJob.Id);
        Assert.Equal(kind == DatabaseKind.PostgreSql ? "PostgreSqlStorage" : "SQLiteStorage", storage.GetType().Name);

        // A second start on the same data is a no-op for the bootstrap admin and the migrations.
        await Portal.Web.Hosting.PortalStartup.InitializePortalAsync(host.App);
        Assert.Single((await host.AdminAsync("user", "list")).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
