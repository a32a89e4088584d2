using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Tenancy;
using Portal.Testing;

namespace Portal.Data.Tests.Stores;

[Collection(DatabaseCollection.Name)]
public sealed class AccountServiceTests(DatabaseFixture databases)
{
    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Bad_requests_are_refused_with_one_line_reasons(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        await using var scope = store.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<IAccountService>();
        await accounts.AddDomainAsync("Example.TEST", Edition.Professional);

        await AssertRefused("already exists", () => accounts.AddDomainAsync("example.test", Edition.Free));
        await AssertRefused("not a valid domain", () => accounts.AddDomainAsync("not a domain", Edition.Free));
        await AssertRefused("unknown domain", () => accounts.AddMailboxAsync("bob@elsewhere.test", "Correct-Horse-9", PortalRoles.User));
        await AssertRefused("not a valid address", () => accounts.AddMailboxAsync("bob at example.test", "Correct-Horse-9", PortalRoles.User));
        await AssertRefused("weak password", () => accounts.AddMailboxAsync("bob@example.test", "short", PortalRoles.User));
        await AssertRefused("unknown role", () => accounts.AddMailboxAsync("bob@example.test", "Correct-Horse-9", "Emperor"));
        var bob = await accounts.AddMailboxAsync("Bob@Example.test", "Correct-Horse-9", PortalRoles.DomainAdmin);
        await AssertRefused("already exists", () => accounts.AddMailboxAsync("bob@example.test", "Correct-Horse-9", PortalRoles.User));

        Assert.Equal("bob@example.test", bob.Address);
        var listed = Assert.Single(await accounts.ListUsersAsync("example.test"));
        Assert.Equal([PortalRoles.DomainAdmin, PortalRoles.User], listed.Roles);
        Assert.True(listed.HasMailbox);
        Assert.Equal(Edition.Professional, Assert.Single(await accounts.ListDomainsAsync()).Edition);
    }

    private static async Task AssertRefused(string reason, Func<Task> action)
    {
        var ex = await Assert.ThrowsAsync<AccountException>(action);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
