using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Mail;
using Portal.Core.Mail.Reading;
using Portal.Testing;

namespace Portal.Data.Tests.Stores;

/// <summary>The counts on the folder rows equal what the messages say after every kind of change.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class FolderCountsTests(DatabaseFixture databases)
{
    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Counts_stay_exact_after_every_kind_of_change(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var mailbox = await store.AddMailboxAsync("alice@example.test");
        var messages = store.Get<IMessageStore>();
        var inbox = (await messages.FindFolderAsync(mailbox.Id, FolderRole.Inbox))!;
        var archive = (await messages.FindFolderAsync(mailbox.Id, FolderRole.Archive))!;
        var trash = (await messages.FindFolderAsync(mailbox.Id, FolderRole.Trash))!;

        async Task Check(string step, int inboxTotal, int inboxUnseen)
        {
            await using var db = await store.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var actual = await db.Messages.Where(m => m.MailboxId == mailbox.Id).GroupBy(m => m.FolderId)
                .Select(g => new { g.Key, Total = g.Count(), Unseen = g.Count(m => (m.Flags & MessageFlags.Seen) == 0), Size = g.Sum(m => m.Size) })
                .ToDictionaryAsync(g => g.Key);
            foreach (var folder in await db.Folders.Where(f => f.MailboxId == mailbox.Id).ToListAsync())
            {
                var expected = actual.TryGetValue(folder.Id, out var a) ? (a.Total, a.Unseen, a.Size) : (0, 0, 0L);
                Assert.True(expected == (folder.MessageCount, folder.UnseenCount, folder.TotalSize), $"{step}: {folder.Name} has {(folder.MessageCount, folder.UnseenCount, folder.TotalSize)}, messages say {expected}");
            }

            var listed = (await store.Get<IMessageQueries>().ListFoldersAsync(mailbox.Id)).Single(f => f.Folder.Id == inbox.Id);
            Assert.Equal((inboxTotal, inboxUnseen), (listed.Total, listed.Unread));
        }

        await Check("empty", 0, 0);
        var a = await messages.AppendAsync(inbox.Id, new AppendRequest(Mail("a", 100)));
        var b = await messages.AppendAsync(inbox.Id, new AppendRequest(Mail("b", 2000), MessageFlags.Seen));
        var c = await messages.AppendAsync(inbox.Id, new AppendRequest(Mail("c", 300), MessageFlags.Flagged));
        await Check("append", 3, 2);
        await messages.AppendBatchAsync(inbox.Id, [new AppendRequest(Mail("d", 50)), new AppendRequest(Mail("e", 70), MessageFlags.Seen)]);
        await Check("batch append", 5, 3);
        await messages.SetFlagsAsync(inbox.Id, [a.Uid, b.Uid], MessageFlags.Seen, FlagChangeMode.Add);
        await Check("flags add", 5, 2);
        await messages.SetFlagsAsync(inbox.Id, [b.Uid, c.Uid], MessageFlags.Deleted, FlagChangeMode.Replace);
        await Check("flags replace", 5, 3);
        await messages.CopyAsync(inbox.Id, [a.Uid, c.Uid], archive.Id);
        await Check("copy", 5, 3);
        await messages.MoveAsync(inbox.Id, [b.Uid], trash.Id);
        await Check("move", 4, 2);
        await messages.ExpungeAsync(inbox.Id, null);
        await Check("expunge deleted", 3, 1);
        await messages.ExpungeAsync(archive.Id, [1]);
        await Check("uid expunge", 3, 1);
        var blob = await store.Get<Portal.Core.Storage.IBlobStore>().PutAsync(Mail("f", 10));
        await messages.AppendBlobToFoldersAsync([inbox.Id, archive.Id], blob.Id, new AppendRequest(Stream.Null));
        await Check("delivery", 4, 2);
        await messages.SetFlagsAsync(inbox.Id, [a.Uid], MessageFlags.Seen, FlagChangeMode.Remove);
        await Check("flags remove", 4, 3);
        await messages.SetFlagsAsync(inbox.Id, [a.Uid], MessageFlags.Seen, ["$Important"], FlagChangeMode.Replace);
        await Check("flags and keywords", 4, 2);
        await messages.SetFlagsAsync(inbox.Id, [a.Uid], MessageFlags.None, ["$Important"], FlagChangeMode.Replace);
        await Check("keywords only", 4, 3);
        await messages.CreateFolderAsync(mailbox.Id, "Projects");
        await messages.CopyAsync(inbox.Id, [a.Uid], (await messages.FindFolderAsync(mailbox.Id, "Projects"))!.Id);
        await messages.DeleteFolderAsync(mailbox.Id, "Projects");
        await Check("folder deleted", 4, 3);
    }

    private static MemoryStream Mail(string subject, int bodyLength) =>
        new(Encoding.ASCII.GetBytes($"From: a@example.test\r\nSubject: {subject}\r\n\r\n{new string('x', bodyLength)}\r\n"));
}
