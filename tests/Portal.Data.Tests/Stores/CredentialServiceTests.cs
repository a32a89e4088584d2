using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Security;
using Portal.Data.Stores;
using Portal.Testing;

namespace Portal.Data.Tests.Stores;

[Collection(DatabaseCollection.Name)]
public sealed class CredentialServiceTests(DatabaseFixture databases)
{
    private static readonly IPAddress Remote = IPAddress.Parse("192.0.2.10");

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Right_password_succeeds_and_wrong_ones_lock_the_account(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind, s => s.Configure<SecurityOptions>(o => o.MaxFailedAttemptsPerAccount = 3));
        var mailbox = await store.AddMailboxAsync("alice@example.test", "Correct-Horse-9");
        var credentials = store.Get<ICredentialService>();

        var ok = await credentials.VerifyAsync("Alice@Example.Test", "Correct-Horse-9", Remote, "test");
        Assert.Equal((CredentialOutcome.Success, mailbox.Id, "alice@example.test"), (ok.Outcome, ok.MailboxId!.Value, ok.Address!));
        Assert.Equal(CredentialOutcome.InvalidCredentials, (await credentials.VerifyAsync("nobody@example.test", "Correct-Horse-9", Remote, "test")).Outcome);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(CredentialOutcome.InvalidCredentials, (await credentials.VerifyAsync("alice@example.test", "wrong", Remote, "test")).Outcome);
        }

        // Locked out: even the right password is refused now.
        Assert.Equal(CredentialOutcome.LockedOut, (await credentials.VerifyAsync("alice@example.test", "Correct-Horse-9", Remote, "test")).Outcome);
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task An_address_that_keeps_failing_is_throttled_for_every_account(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind, s => s.Configure<SecurityOptions>(o => o.MaxFailedAttemptsPerAddress = 4));
        await store.AddMailboxAsync("alice@example.test", "Correct-Horse-9");
        var credentials = store.Get<ICredentialService>();

        for (var i = 0; i < 4; i++)
        {
            await credentials.VerifyAsync($"user{i}@example.test", "guess", Remote, "test");
        }

        Assert.Equal(CredentialOutcome.Throttled, (await credentials.VerifyAsync("alice@example.test", "Correct-Horse-9", Remote, "test")).Outcome);
        Assert.Equal(CredentialOutcome.Success, (await credentials.VerifyAsync("alice@example.test", "Correct-Horse-9", IPAddress.Parse("192.0.2.11"), "test")).Outcome);
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task App_passwords_sign_in_and_say_so(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var mailbox = await store.AddMailboxAsync("alice@example.test", "Correct-Horse-9");
        var credentials = (CredentialService)store.Get<ICredentialService>();
        await using (var scope = store.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            db.AppPasswords.Add(new AppPassword { UserId = mailbox.Id, Name = "Thunderbird", PasswordHash = credentials.HashAppPassword("abcd-efgh-ijkl-mnop") });
            await db.SaveChangesAsync();
        }

        var result = await credentials.VerifyAsync("alice@example.test", "abcd-efgh-ijkl-mnop", Remote, "test");

        Assert.Equal(CredentialOutcome.Success, result.Outcome);
        Assert.True(result.ViaAppPassword);
    }
}
