using Portal.Core.Delivery;
using Portal.Testing;

namespace Portal.Data.Tests.Stores;

[Collection(DatabaseCollection.Name)]
public sealed class OutboundQueueTests(DatabaseFixture databases)
{
    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task The_sweep_removes_old_finished_recipients_and_empty_messages_and_keeps_pending_ones(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var queue = store.Get<IOutboundQueue>();
        var done = await queue.EnqueueAsync("blob-done", "a@example.test", [new OutboundRecipientRequest("x@remote.test"), new OutboundRecipientRequest("y@remote.test")]);
        var mixed = await queue.EnqueueAsync("blob-mixed", "a@example.test", [new OutboundRecipientRequest("p@remote.test"), new OutboundRecipientRequest("q@remote.test")]);
        var rows = await queue.ListAsync(100);
        Guid Id(string address) => rows.Single(r => r.Recipient.Address == address).Recipient.Id;
        var old = DateTime.UtcNow.AddDays(-10);
        await queue.DeliveredAsync([Id("x@remote.test")], "250 ok", old);
        await queue.FailedAsync([Id("y@remote.test"), Id("p@remote.test")], "550 no", old);
        await queue.DeliveredAsync([Id("q@remote.test")], "250 ok", DateTime.UtcNow);

        var removed = await queue.PurgeFinishedAsync(DateTime.UtcNow.AddDays(-7));

        Assert.Equal(3, removed);
        var left = await queue.ListAsync(100);
        var row = Assert.Single(left);
        Assert.Equal("q@remote.test", row.Recipient.Address);
        Assert.Equal(mixed.Id, row.Message.Id);
        Assert.DoesNotContain(left, r => r.Message.Id == done.Id);

        // Nothing pending is ever swept, however old.
        await queue.EnqueueAsync("blob-pending", "a@example.test", [new OutboundRecipientRequest("z@remote.test")]);
        Assert.Equal(1, await queue.PurgeFinishedAsync(DateTime.UtcNow.AddDays(1)));
        Assert.Equal("z@remote.test", Assert.Single(await queue.ListAsync(100)).Recipient.Address);
    }
}
