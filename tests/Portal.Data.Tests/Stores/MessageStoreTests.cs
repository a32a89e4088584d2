using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Changes;
using Portal.Core.Mail;
using Portal.Testing;

namespace Portal.Data.Tests.Stores;

[Collection(DatabaseCollection.Name)]
public sealed class MessageStoreTests(DatabaseFixture databases)
{
    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task New_mailbox_has_default_folders_with_roles(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var mailbox = await store.AddMailboxAsync("alice@example.test");

        var folders = await store.Get<IMessageStore>().ListFoldersAsync(mailbox.Id);

        Assert.Equal(
            DefaultFolders.All.Select(f => (f.Name, f.Role)).OrderBy(f => f.Name, StringComparer.Ordinal),
            folders.Select(f => (f.Name, f.Role)).OrderBy(f => f.Name, StringComparer.Ordinal));
        Assert.All(folders, f => Assert.True(f.UidValidity > 0));
        Assert.Equal(folders.Count, folders.Select(f => f.UidValidity).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Parallel_appends_from_several_connections_get_unique_increasing_uids_and_modseqs(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var mailbox = await store.AddMailboxAsync("alice@example.test");
        var messages = store.Get<IMessageStore>();
        var inbox = (await messages.FindFolderAsync(mailbox.Id, FolderRole.Inbox))!;
        const int writers = 8;
        const int perWriter = 15;

        var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var mine = new List<AppendResult>();
            for (var i = 0; i < perWriter; i++)
            {
                mine.Add(await messages.AppendAsync(inbox.Id, new AppendRequest(Mail($"writer {w} message {i}"))));
            }

            return mine;
        })));

        var all = results.SelectMany(r => r).ToList();
        Assert.Equal(writers * perWriter, all.Select(r => r.Uid).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, writers * perWriter).Select(i => (long)i), all.Select(r => r.Uid).Order());

        // Within each writer, later appends got higher UIDs and MODSEQs; across the folder, UID order is MODSEQ order.
        Assert.All(results, r => Assert.Equal(r.OrderBy(x => x.Uid).Select(x => x.ModSeq), r.Select(x => x.ModSeq)));
        var stored = await messages.ListMessagesAsync(inbox.Id);
        var modSeqs = stored.OrderBy(m => m.Uid).Select(m => m.ModSeq).ToList();
        Assert.Equal(modSeqs.Order(), modSeqs);
        Assert.Equal(modSeqs.Count, modSeqs.Distinct().Count());

        var folder = (await messages.FindFolderAsync(mailbox.Id, "INBOX"))!;
        Assert.Equal(writers * perWriter + 1, folder.UidNext);
        Assert.Equal(modSeqs.Max(), folder.HighestModSeq);
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Flag_changes_bump_modseq_and_journal(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var mailbox = await store.AddMailboxAsync("alice@example.test");
        var messages = store.Get<IMessageStore>();
        var journal = store.Get<IChangeJournal>();
        var inbox = (await messages.FindFolderAsync(mailbox.Id, FolderRole.Inbox))!;
        var first = await messages.AppendAsync(inbox.Id, new AppendRequest(Mail("one")));
        var second = await messages.AppendAsync(inbox.Id, new AppendRequest(Mail("two")));

        var changed = await messages.SetFlagsAsync(inbox.Id, [first.Uid, second.Uid], MessageFlags.Seen, FlagChangeMode.Add);
        var unchanged = await messages.SetFlagsAsync(inbox.Id, [first.Uid], MessageFlags.Seen, FlagChangeMode.Add);

        Assert.Equal(2, changed.Count);
        Assert.All(changed, m => Assert.True(m.ModSeq > second.ModSeq));
        Assert.Empty(unchanged);
        var since = await journal.ChangesSinceAsync(inbox.Id, second.ModSeq);
        Assert.False(since.ResyncRequired);
        Assert.Equal([first.Uid, second.Uid], since.Changes.Select(c => c.Uid).Order());
        Assert.All(since.Changes, c => Assert.Equal(ChangeKind.Changed, c.Kind));
        Assert.Equal(changed[0].ModSeq, since.CurrentChangeNumber);
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Expunge_leaves_tombstones_until_trimmed(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var mailbox = await store.AddMailboxAsync("alice@example.test");
        var messages = store.Get<IMessageStore>();
        var journal = store.Get<IChangeJournal>();
        var inbox = (await messages.FindFolderAsync(mailbox.Id, FolderRole.Inbox))!;
        var keep = await messages.AppendAsync(inbox.Id, new AppendRequest(Mail("keep")));
        var doomed = await messages.AppendAsync(inbox.Id, new AppendRequest(Mail("doomed"), MessageFlags.Deleted));

        var expunged = await messages.ExpungeAsync(inbox.Id, uids: null);

        Assert.Equal([doomed.Uid], expunged);
        Assert.Equal([keep.Uid], (await messages.ListMessagesAsync(inbox.Id)).Select(m => m.Uid));
        var afterAppends = await journal.ChangesSinceAsync(inbox.Id, doomed.ModSeq);
        var tombstone = Assert.Single(afterAppends.Changes);
        Assert.Equal((ChangeKind.Deleted, doomed.Uid), (tombstone.Kind, tombstone.Uid));

        // From the start, the doomed message shows only as its tombstone.
        var fromStart = await journal.ChangesSinceAsync(inbox.Id, 0);
        Assert.Equal([(keep.Uid, ChangeKind.Added), (doomed.Uid, ChangeKind.Deleted)], fromStart.Changes.Select(c => (c.Uid, c.Kind)));

        // Trimming the journal past a point turns questions from before it into a full resync.
        await journal.TrimAsync(inbox.Id, tombstone.ChangeNumber);
        Assert.True((await journal.ChangesSinceAsync(inbox.Id, 0)).ResyncRequired);
        var current = await journal.ChangesSinceAsync(inbox.Id, tombstone.ChangeNumber);
        Assert.False(current.ResyncRequired);
        Assert.Empty(current.Changes);
        Assert.True((await journal.ChangesSinceAsync(inbox.Id, current.CurrentChangeNumber + 10)).ResyncRequired);
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Move_records_an_add_in_the_target_and_a_tombstone_in_the_source(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var mailbox = await store.AddMailboxAsync("alice@example.test");
        var messages = store.Get<IMessageStore>();
        var journal = store.Get<IChangeJournal>();
        var inbox = (await messages.FindFolderAsync(mailbox.Id, FolderRole.Inbox))!;
        var archive = (await messages.FindFolderAsync(mailbox.Id, FolderRole.Archive))!;
        var a = await messages.AppendAsync(inbox.Id, new AppendRequest(Mail("a"), MessageFlags.Flagged));
        var b = await messages.AppendAsync(inbox.Id, new AppendRequest(Mail("b")));
        var copied = await messages.CopyAsync(inbox.Id, [a.Uid], archive.Id);

        var moved = await messages.MoveAsync(inbox.Id, [a.Uid, b.Uid], archive.Id);

        Assert.Equal([(a.Uid, 1L)], copied);
        Assert.Equal([(a.Uid, 2L), (b.Uid, 3L)], moved);
        Assert.Empty(await messages.ListMessagesAsync(inbox.Id));
        var inArchive = await messages.ListMessagesAsync(archive.Id);
        Assert.Equal([1L, 2L, 3L], inArchive.Select(m => m.Uid));
        Assert.Equal(MessageFlags.Flagged, inArchive[1].Flags);
        Assert.Single(inArchive.Select(m => m.BlobId).Where(id => id == a.BlobId).Distinct());
        var sourceChanges = await journal.ChangesSinceAsync(inbox.Id, b.ModSeq);
        Assert.Equal([(a.Uid, ChangeKind.Deleted), (b.Uid, ChangeKind.Deleted)], sourceChanges.Changes.Select(c => (c.Uid, c.Kind)).OrderBy(c => c.Uid));
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task One_blob_serves_many_recipients(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var messages = store.Get<IMessageStore>();
        var recipients = new[] { "a@example.test", "b@example.test", "c@example.test" };
        var content = Encoding.UTF8.GetBytes("Subject: hello all\r\n\r\nsame bytes\r\n");
        var blobIds = new List<string>();
        foreach (var address in recipients)
        {
            var mailbox = await store.AddMailboxAsync(address);
            var inbox = (await messages.FindFolderAsync(mailbox.Id, FolderRole.Inbox))!;
            blobIds.Add((await messages.AppendAsync(inbox.Id, new AppendRequest(new MemoryStream(content)))).BlobId);
        }

        Assert.Single(blobIds.Distinct());
        var blobRoot = Path.Combine(store.DataDirectory, "blobs");
        var files = Directory.GetFiles(blobRoot, "*", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(blobRoot, "tmp"), StringComparison.Ordinal)).ToList();
        var file = Assert.Single(files);
        Assert.Equal(content, await File.ReadAllBytesAsync(file));
        Assert.Equal(blobIds[0], Path.GetFileName(file));
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task A_failed_append_leaves_nothing_half_written(DatabaseKind kind)
    {
        var failure = new FailingJournalInterceptor();
        await using var store = await databases.CreateStoreAsync(kind, s => s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(failure));
        var mailbox = await store.AddMailboxAsync("alice@example.test");
        var messages = store.Get<IMessageStore>();
        var inbox = (await messages.FindFolderAsync(mailbox.Id, FolderRole.Inbox))!;
        var kept = await messages.AppendAsync(inbox.Id, new AppendRequest(Mail("kept")));

        failure.Armed = true;
        await Assert.ThrowsAnyAsync<Exception>(() => messages.AppendAsync(inbox.Id, new AppendRequest(Mail("lost"))));
        failure.Armed = false;

        var folder = (await messages.FindFolderAsync(mailbox.Id, FolderRole.Inbox))!;
        Assert.Equal(kept.Uid + 1, folder.UidNext);
        Assert.Equal(kept.ModSeq, folder.HighestModSeq);
        Assert.Equal([kept.Uid], (await messages.ListMessagesAsync(inbox.Id)).Select(m => m.Uid));
        await using (var db = await store.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            Assert.Equal(1, await db.ItemChanges.CountAsync(c => c.CollectionId == inbox.Id));
        }

        // The next append carries on from where the failed one would have been.
        var next = await messages.AppendAsync(inbox.Id, new AppendRequest(Mail("next")));
        Assert.Equal(kept.Uid + 1, next.Uid);
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Append_to_a_missing_folder_is_refused(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => store.Get<IMessageStore>().AppendAsync(Guid.NewGuid(), new AppendRequest(Mail("x"))));
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Stored_message_keeps_its_bytes_and_cached_fields(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var mailbox = await store.AddMailboxAsync("alice@example.test");
        var messages = store.Get<IMessageStore>();
        var inbox = (await messages.FindFolderAsync(mailbox.Id, FolderRole.Inbox))!;
        var raw = Encoding.UTF8.GetBytes("From: Zoë <zoe@example.test>\r\nTo: alice@example.test\r\nSubject: Grüße ✓\r\nMessage-ID: <x@example.test>\r\n\r\nHallo Welt\r\n");

        await messages.AppendAsync(inbox.Id, new AppendRequest(new MemoryStream(raw), MessageFlags.Seen, ["$Important", "$important"]));

        var message = Assert.Single(await messages.ListMessagesAsync(inbox.Id));
        Assert.Equal("Grüße ✓", message.Subject);
        Assert.Equal("x@example.test", message.MessageIdHeader);
        Assert.Equal(raw.Length, message.Size);
        Assert.Equal("$Important", message.Keywords);
        Assert.Contains("\"name\":\"Zoë\"", message.Envelope, StringComparison.Ordinal);
        await using var content = await messages.OpenContentAsync(message);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        Assert.Equal(raw, copy.ToArray());
    }

    private static MemoryStream Mail(string subject) =>
        new(Encoding.UTF8.GetBytes($"From: sender@example.test\r\nTo: alice@example.test\r\nSubject: {subject}\r\nMessage-ID: <{Guid.NewGuid():N}@example.test>\r\n\r\nBody of {subject}\r\n"));
}
