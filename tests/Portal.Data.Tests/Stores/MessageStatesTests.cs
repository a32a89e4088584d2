using System.Text;
using Portal.Core.Changes;
using Portal.Core.Mail;
using Portal.Testing;

namespace Portal.Data.Tests.Stores;

/// <summary><see cref="IMessageStore.ListStatesAsync"/>: the whole folder, or what changed and vanished since a MODSEQ.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class MessageStatesTests(DatabaseFixture databases)
{
    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task States_since_a_modseq_hold_the_changed_messages_and_the_expunged_uids(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var mailbox = await store.AddMailboxAsync("alice@example.test");
        var messages = store.Get<IMessageStore>();
        var inbox = (await messages.FindFolderAsync(mailbox.Id, FolderRole.Inbox))!;
        var sent = new DateTime(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc);
        for (var i = 1; i <= 4; i++)
        {
            await messages.AppendAsync(inbox.Id, new AppendRequest(Mail($"m{i}"), i == 1 ? MessageFlags.Seen : MessageFlags.None, InternalDateUtc: sent.AddDays(i)));
        }

        var all = await messages.ListStatesAsync(inbox.Id, -1);
        Assert.True(all.Complete);
        Assert.Equal([1L, 2, 3, 4], all.Changed.Select(s => s.Uid));
        Assert.Equal(MessageFlags.Seen, all.Changed[0].Flags);
        Assert.Equal(sent.AddDays(2), all.Changed[1].InternalDateUtc);
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), all.Changed[1].SentDateUtc);
        var rows = await messages.ListMessagesAsync(inbox.Id);
        Assert.Equal(rows.Select(r => (r.Uid, r.ModSeq, r.Size)), all.Changed.Select(s => (s.Uid, s.ModSeq, s.Size)));

        var unchanged = await messages.ListStatesAsync(inbox.Id, all.HighestModSeq);
        Assert.False(unchanged.Complete);
        Assert.Empty(unchanged.Changed);
        Assert.Empty(unchanged.Expunged);

        await messages.SetFlagsAsync(inbox.Id, [3], MessageFlags.Flagged, ["$Important"], FlagChangeMode.Add);
        await messages.ExpungeAsync(inbox.Id, [2]);
        await messages.AppendAsync(inbox.Id, new AppendRequest(Mail("m5")));
        var delta = await messages.ListStatesAsync(inbox.Id, all.HighestModSeq);
        Assert.False(delta.Complete);
        Assert.Equal([3L, 5], delta.Changed.Select(s => s.Uid));
        Assert.Equal(MessageFlags.Flagged, delta.Changed[0].Flags);
        Assert.Equal("$Important", delta.Changed[0].Keywords);
        Assert.Equal([2L], delta.Expunged);
        Assert.True(delta.HighestModSeq > all.HighestModSeq);
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task States_since_before_the_trimmed_journal_are_the_whole_folder(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var mailbox = await store.AddMailboxAsync("alice@example.test");
        var messages = store.Get<IMessageStore>();
        var inbox = (await messages.FindFolderAsync(mailbox.Id, FolderRole.Inbox))!;
        await messages.AppendAsync(inbox.Id, new AppendRequest(Mail("one")));
        var first = await messages.ListStatesAsync(inbox.Id, -1);
        await messages.AppendAsync(inbox.Id, new AppendRequest(Mail("two")));
        await messages.ExpungeAsync(inbox.Id, [1]);
        var current = await messages.ListStatesAsync(inbox.Id, -1);
        await store.Get<IChangeJournal>().TrimAsync(inbox.Id, current.HighestModSeq);

        var states = await messages.ListStatesAsync(inbox.Id, first.HighestModSeq);

        Assert.True(states.Complete);
        Assert.Equal([2L], states.Changed.Select(s => s.Uid));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => messages.ListStatesAsync(Guid.NewGuid(), 0));
    }

    private static MemoryStream Mail(string subject) =>
        new(Encoding.UTF8.GetBytes($"From: sender@example.test\r\nTo: alice@example.test\r\nSubject: {subject}\r\nDate: Mon, 06 May 2024 07:08:09 +0000\r\nMessage-ID: <{Guid.NewGuid():N}@example.test>\r\n\r\nBody of {subject}\r\n"));
}
