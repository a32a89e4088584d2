using Portal.Core.Changes;
using Portal.Core.Groupware;
using Portal.Testing;

namespace Portal.Data.Tests.Stores;

[Collection(DatabaseCollection.Name)]
public sealed class GroupwareStoreTests(DatabaseFixture databases)
{
    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Put_change_and_delete_go_through_the_journal(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var mailbox = await store.AddMailboxAsync("alice@example.test");
        var groupware = store.Get<IGroupwareStore>();
        var journal = store.Get<IChangeJournal>();
        var collections = await groupware.ListCollectionsAsync(mailbox.Id);
        Assert.Equal([CollectionKind.Calendar, CollectionKind.AddressBook, CollectionKind.TaskList, CollectionKind.Notes], collections.Select(c => c.Kind));
        var calendar = collections[0];

        var created = await groupware.PutItemAsync(calendar.Id, Event("e1.ics", "Planning"));
        var start = (await journal.ChangesSinceAsync(calendar.Id, 0)).CurrentChangeNumber;
        var updated = await groupware.PutItemAsync(calendar.Id, Event("e1.ics", "Planning, moved"), ifMatch: created.ETag);
        await Assert.ThrowsAsync<PreconditionFailedException>(() => groupware.PutItemAsync(calendar.Id, Event("e1.ics", "stale"), ifMatch: created.ETag));
        var other = await groupware.PutItemAsync(calendar.Id, Event("e2.ics", "Lunch"));
        Assert.True(await groupware.DeleteItemAsync(calendar.Id, "e2.ics"));
        Assert.False(await groupware.DeleteItemAsync(calendar.Id, "e2.ics"));

        Assert.NotEqual(created.ETag, updated.ETag);
        Assert.Contains("moved", (await groupware.GetItemAsync(calendar.Id, "e1.ics"))!.Content, StringComparison.Ordinal);
        var changes = await journal.ChangesSinceAsync(calendar.Id, start);
        Assert.Equal([("e1.ics", ChangeKind.Changed), ("e2.ics", ChangeKind.Deleted)], changes.Changes.Select(c => (c.ResourceName!, c.Kind)));
        Assert.Equal(other.ChangeNumber + 1, changes.CurrentChangeNumber);
    }

    private static ItemWrite Event(string name, string summary) => new(
        name,
        name.Replace(".ics", "@example.test", StringComparison.Ordinal),
        CollectionKind.Calendar,
        $"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:{name}\r\nSUMMARY:{summary}\r\nDTSTART:20261201T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        StartUtc: new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc),
        EndUtc: new DateTime(2026, 12, 1, 11, 0, 0, DateTimeKind.Utc));
}
