using MailKit;

namespace Portal.Protocols.Tests.Imap;

/// <summary>RFC 7162 QRESYNC: a reconnecting client learns what vanished and changed from the change journal.</summary>
public sealed class ImapQResyncTests(ImapHostFixture fixture) : IClassFixture<ImapHostFixture>
{
    [Fact]
    public async Task Select_with_qresync_reports_vanished_and_changed_and_expunges_become_vanished()
    {
        var address = await fixture.NewUserAsync();
        uint uidValidity;
        ulong modSeq;
        using (var first = await fixture.ConnectAsync(address))
        {
            for (var i = 0; i < 3; i++)
            {
                await first.Inbox.AppendAsync(ImapUpdatesTests.Message($"m{i}"));
            }

            await first.Inbox.OpenAsync(FolderAccess.ReadWrite);
            uidValidity = first.Inbox.UidValidity;
            modSeq = first.Inbox.HighestModSeq;
            await first.Inbox.StoreAsync(new UniqueId(2), new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true });
            await first.Inbox.ExpungeAsync();
            await first.Inbox.StoreAsync(new UniqueId(3), new StoreFlagsRequest(StoreAction.Add, MessageFlags.Flagged) { Silent = true });
        }

        using var client = await fixture.ConnectAsync(address);
        await client.EnableQuickResyncAsync();
        var vanished = new List<(uint Uid, bool Earlier)>();
        var flagged = new List<uint>();
        client.Inbox.MessagesVanished += (_, e) => vanished.AddRange(e.UniqueIds.Select(u => (u.Id, e.Earlier)));
        client.Inbox.MessageFlagsChanged += (_, e) => flagged.Add(e.UniqueId!.Value.Id);
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite, uidValidity, modSeq, [new UniqueId(1), new UniqueId(2), new UniqueId(3)]);

        Assert.Equal([(2u, true)], vanished);
        Assert.Equal([3u], flagged);
        Assert.Equal(2, client.Inbox.Count);

        // Later expunges arrive as VANISHED, not EXPUNGE.
        vanished.Clear();
        using (var other = await fixture.ConnectAsync(address))
        {
            await other.Inbox.OpenAsync(FolderAccess.ReadWrite);
            await other.Inbox.StoreAsync(new UniqueId(1), new StoreFlagsRequest(StoreAction.Add, MessageFlags.Deleted) { Silent = true });
            await other.Inbox.ExpungeAsync();
        }

        await client.NoOpAsync();
        Assert.Equal([(1u, false)], vanished);
        Assert.Equal(1, client.Inbox.Count);
    }
}
