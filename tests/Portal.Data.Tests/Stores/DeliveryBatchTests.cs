using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Mail;
using Portal.Core.Mail.Search;
using Portal.Core.Storage;
using Portal.Data.Search;
using Portal.Testing;

namespace Portal.Data.Tests.Stores;

/// <summary>The store side of group commit (<see cref="IMessageStore.AppendBlobsAsync"/>) and of DATA written once (<see cref="BlobWriter"/>).</summary>
[Collection(DatabaseCollection.Name)]
public sealed class DeliveryBatchTests(DatabaseFixture databases)
{
    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Copies_for_several_folders_commit_together_with_one_modseq_per_folder(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var messages = store.Get<IMessageStore>();
        var alice = (await messages.FindFolderAsync((await store.AddMailboxAsync("alice@example.test")).Id, FolderRole.Inbox))!;
        var bob = (await messages.FindFolderAsync((await store.AddMailboxAsync("bob@example.test")).Id, FolderRole.Inbox))!;
        var first = await PutAsync(store, "first");
        var second = await PutAsync(store, "second");

        var results = await messages.AppendBlobsAsync([Copy(alice, first), Copy(bob, first), Copy(alice, second, MessageFlags.Seen)]);

        Assert.Equal([alice.Id, bob.Id, alice.Id], results.Select(r => r.FolderId));
        Assert.Equal([1L, 1L, 2L], results.Select(r => r.Uid));
        Assert.Equal(results[0].ModSeq, results[2].ModSeq);
        var inbox = (await messages.FindFolderAsync(alice.MailboxId, FolderRole.Inbox))!;
        Assert.Equal((2, 1, 3L), (inbox.MessageCount, inbox.UnseenCount, inbox.UidNext));
        Assert.Equal(["first", "second"], (await messages.ListMessagesAsync(alice.Id)).Select(m => m.Subject));

        // The search text follows the commit: Pending (searches read the message) until the indexer wrote one row per
        // blob, however many copies.
        await using var db = await store.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.All(await db.Messages.AsNoTracking().Where(m => m.BlobId == first.Blob.Id || m.BlobId == second.Blob.Id).ToListAsync(), m => Assert.Equal(SearchIndexState.Pending, m.SearchState));
        Assert.Single(await store.Get<IMailSearch>().FindUidsAsync(alice.Id, SearchField.Body, "body of second"));
        Assert.Equal(2, await store.Get<SearchIndexer>().IndexQueuedAsync());
        Assert.Equal(2, await db.MessageTexts.CountAsync(t => t.BlobId == first.Blob.Id || t.BlobId == second.Blob.Id));
        Assert.All(await db.Messages.AsNoTracking().Where(m => m.BlobId == first.Blob.Id || m.BlobId == second.Blob.Id).ToListAsync(), m => Assert.Equal(SearchIndexState.Indexed, m.SearchState));
        Assert.Single(await store.Get<IMailSearch>().FindUidsAsync(alice.Id, SearchField.Body, "body of second"));

        // A later copy of an indexed blob is final at once.
        var third = await messages.AppendBlobsAsync([Copy(bob, second)]);
        Assert.Equal(SearchIndexState.Indexed, (await db.Messages.AsNoTracking().SingleAsync(m => m.Id == third[0].MessageId)).SearchState);
        Assert.Equal(0, await store.Get<SearchIndexer>().IndexQueuedAsync());
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Texts_lost_before_indexing_are_indexed_again_from_the_stored_bytes(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var messages = store.Get<IMessageStore>();
        var inbox = (await messages.FindFolderAsync((await store.AddMailboxAsync("alice@example.test")).Id, FolderRole.Inbox))!;
        var stored = await PutAsync(store, "restarted");
        await messages.AppendBlobsAsync([Copy(inbox, stored)]);

        // A restart loses the queue: a fresh indexer over the same database finds the Pending copy by itself.
        var fresh = ActivatorUtilities.CreateInstance<SearchIndexer>(store.Services);
        Assert.Equal(0, await fresh.IndexQueuedAsync());
        Assert.Equal(1, await fresh.BackfillAsync(100));
        await using var db = await store.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(SearchIndexState.Indexed, (await db.Messages.SingleAsync(m => m.FolderId == inbox.Id)).SearchState);
        Assert.Contains("body of restarted", (await db.MessageTexts.SingleAsync(t => t.BlobId == stored.Blob.Id)).Body, StringComparison.Ordinal);
        Assert.Equal(0, await fresh.BackfillAsync(100));
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task A_batch_with_a_bad_copy_commits_nothing(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var messages = store.Get<IMessageStore>();
        var inbox = (await messages.FindFolderAsync((await store.AddMailboxAsync("alice@example.test")).Id, FolderRole.Inbox))!;
        var blob = await PutAsync(store, "lost");
        await Assert.ThrowsAsync<KeyNotFoundException>(() => messages.AppendBlobsAsync([Copy(inbox, blob), Copy(new Folder { Id = Guid.NewGuid(), Name = "gone" }, blob)]));

        Assert.Empty(await messages.ListMessagesAsync(inbox.Id));
        Assert.Equal(1, (await messages.FindFolderAsync(inbox.MailboxId, FolderRole.Inbox))!.UidNext);
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 1)]
    [InlineData(false, 20_000)]
    [InlineData(true, 20_000)]
    public async Task A_blob_written_as_it_arrives_is_named_by_its_hash_and_an_abandoned_one_leaves_nothing(bool withPrefix, int bodyLines)
    {
        // 1 line stays in the writer's memory until the commit; 20,000 (about 600 KB) goes on to a temp file.
        await using var store = await databases.CreateStoreAsync(DatabaseKind.Sqlite);
        var blobs = store.Get<IBlobStore>();
        var prefix = withPrefix ? "Authentication-Results: x; none\r\n"u8.ToArray() : [];
        var content = Encoding.ASCII.GetBytes("Received: by x\r\nSubject: s\r\n\r\n" + string.Concat(Enumerable.Repeat("body of the message\r\n", bodyLines)));

        await using (var abandoned = blobs.BeginWrite())
        {
            await abandoned.WriteAsync(content);
        }

        var writer = blobs.BeginWrite();
        for (var offset = 0; offset < content.Length; offset += 65536)
        {
            await writer.WriteAsync(content.AsMemory(offset, Math.Min(65536, content.Length - offset)));
        }

        await using (var soFar = await writer.OpenReadAsync())
        {
            Assert.Equal(content.Length, soFar.Length);
        }

        var blob = await writer.CommitAsync(prefix);
        await writer.DisposeAsync();

        byte[] whole = [.. prefix, .. content];
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(whole)), blob.Id);
        Assert.Equal(whole.Length, blob.Length);
        await using var stored = await blobs.OpenReadAsync(blob.Id);
        using var copy = new MemoryStream();
        await stored.CopyToAsync(copy);
        Assert.Equal(whole, copy.ToArray());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(store.DataDirectory, "blobs", "tmp")));
    }

    private static BlobAppend Copy(Folder folder, (BlobInfo Blob, ParsedMessage Parsed) stored, MessageFlags flags = MessageFlags.None) =>
        new(folder.Id, stored.Blob.Id, stored.Blob.Length, stored.Parsed, flags, DateTime.UtcNow);

    private static async Task<(BlobInfo Blob, ParsedMessage Parsed)> PutAsync(TestStore store, string subject)
    {
        var bytes = Encoding.ASCII.GetBytes($"From: a@example.test\r\nSubject: {subject}\r\n\r\nbody of {subject}\r\n");
        return (await store.Get<IBlobStore>().PutAsync(new MemoryStream(bytes)), MessageParser.Parse(new MemoryStream(bytes)));
    }
}
