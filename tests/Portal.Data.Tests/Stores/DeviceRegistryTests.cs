using Portal.Core.Devices;
using Portal.Testing;

namespace Portal.Data.Tests.Stores;

[Collection(DatabaseCollection.Name)]
public sealed class DeviceRegistryTests(DatabaseFixture databases)
{
    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Activity_is_coalesced_into_one_row_per_device(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var mailbox = await store.AddMailboxAsync("alice@example.test");
        var registry = store.Get<IDeviceRegistry>();

        Parallel.For(0, 2000, i => registry.DeviceSeen(new DeviceActivity(mailbox.Id, DeviceProtocol.Imap, "thunderbird", i == 0 ? "Thunderbird 140" : null, "127.0.0.1")));
        Assert.Empty(await ListWithoutFlushAsync(store, mailbox.Id));
        registry.SyncSucceeded(new DeviceActivity(mailbox.Id, DeviceProtocol.ActiveSync, "ios-1", "iPhone", "192.0.2.5"));
        registry.DeviceSeen(new DeviceActivity(Guid.NewGuid(), DeviceProtocol.Imap, "ghost", null, null));

        var devices = await registry.ListAsync(mailbox.Id);

        Assert.Equal(2, devices.Count);
        var imap = devices.Single(d => d.Protocol == DeviceProtocol.Imap);
        Assert.Equal(("thunderbird", "Thunderbird 140", "127.0.0.1"), (imap.DeviceId, imap.ClientName!, imap.LastAddress!));
        Assert.Null(imap.LastSyncUtc);
        Assert.NotNull(devices.Single(d => d.Protocol == DeviceProtocol.ActiveSync).LastSyncUtc);

        // A second flush updates the same rows.
        registry.SyncSucceeded(new DeviceActivity(mailbox.Id, DeviceProtocol.Imap, "thunderbird", null, "127.0.0.2"));
        var again = await registry.ListAsync(mailbox.Id);
        Assert.Equal(2, again.Count);
        Assert.Equal("127.0.0.2", again.Single(d => d.Protocol == DeviceProtocol.Imap).LastAddress);
    }

    private static async Task<List<SyncDevice>> ListWithoutFlushAsync(TestStore store, Guid mailboxId)
    {
        var factory = store.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return [.. db.SyncDevices.Where(d => d.MailboxId == mailboxId)];
    }
}
