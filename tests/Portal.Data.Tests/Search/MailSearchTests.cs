using System.Text;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Mail;
using Portal.Core.Mail.Search;
using Portal.Testing;

namespace Portal.Data.Tests.Search;

/// <summary>The search index answers as IMAP wants (case-insensitive substring of decoded text) on every database, and stays true across copy, move and expunge.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class MailSearchTests(DatabaseFixture databases)
{
    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Each_field_matches_a_case_insensitive_substring_of_its_decoded_text(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var (messages, inbox) = await InboxAsync(store);
        var search = store.Get<IMailSearch>();
        var plain = await AppendAsync(messages, inbox, TestMessages.Plain("Quarterly Report", "Hello team, the numbers are in."));
        var qp = await AppendAsync(messages, inbox, TestMessages.Raw(
            "From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <jm@example.test>\r\nTo: bob@example.test\r\nCc: carol@example.test\r\nBcc: dave@example.test\r\n"
            + "Subject: =?utf-8?b?R3LDvMOfZSBhdXMgS8O2bG4=?=\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Transfer-Encoding: quoted-printable\r\n\r\nDie Stra=C3=9Fe ist gesperrt, sch=C3=B6nen Gru=C3=9F.=\r\n Weiter im Text.\r\n"));
        var html = await AppendAsync(messages, inbox, TestMessages.Raw(
            "From: news@example.test\r\nTo: alice@example.test\r\nSubject: Newsletter\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: text/html; charset=iso-8859-1\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Convert.ToBase64String(Encoding.Latin1.GetBytes("<html><style>.hidden{color:red}</style><body><p>Caf\u00e9 <b>Ol</b>\u00e9 &amp; friends</p></body></html>")) + "\r\n"));

        Assert.Equal([plain], await search.FindUidsAsync(inbox.Id, SearchField.Subject, "quarterly REPORT"));
        Assert.Equal([plain], await search.FindUidsAsync(inbox.Id, SearchField.Body, "NUMBERS ARE"));
        Assert.Equal([qp], await search.FindUidsAsync(inbox.Id, SearchField.From, "jürgen müller"));
        Assert.Equal([qp], await search.FindUidsAsync(inbox.Id, SearchField.Subject, "GRÜSSE AUS".Replace("SS", "ß", StringComparison.Ordinal)));
        Assert.Equal([qp], await search.FindUidsAsync(inbox.Id, SearchField.Body, "straße ist"));
        Assert.Equal([qp], await search.FindUidsAsync(inbox.Id, SearchField.Body, "GRUß. WEITER"));
        Assert.Equal([qp], await search.FindUidsAsync(inbox.Id, SearchField.Cc, "carol@"));
        Assert.Equal([qp], await search.FindUidsAsync(inbox.Id, SearchField.Bcc, "dave"));
        Assert.Equal([qp], await search.FindUidsAsync(inbox.Id, SearchField.To, "BOB@EXAMPLE"));
        Assert.Equal([html], await search.FindUidsAsync(inbox.Id, SearchField.Body, "café olé & friends"));
        Assert.Empty(await search.FindUidsAsync(inbox.Id, SearchField.Body, "hidden"));
        Assert.Empty(await search.FindUidsAsync(inbox.Id, SearchField.Body, "color:red"));
        Assert.Empty(await search.FindUidsAsync(inbox.Id, SearchField.Body, "Quarterly"));

        // TEXT looks in every header and the body; short needles and LIKE's own wildcards work as plain text.
        Assert.Equal([plain], await search.FindUidsAsync(inbox.Id, SearchField.Text, "quarterly"));
        Assert.Equal([html], await search.FindUidsAsync(inbox.Id, SearchField.Text, "iso-8859-1"));
        Assert.Equal([plain, qp, html], (await search.FindUidsAsync(inbox.Id, SearchField.Text, "e")).Order());
        Assert.Equal([qp], await search.FindUidsAsync(inbox.Id, SearchField.Body, "ß"));
        Assert.Empty(await search.FindUidsAsync(inbox.Id, SearchField.Body, "%"));
        Assert.Empty(await search.FindUidsAsync(inbox.Id, SearchField.Subject, "quarterly_report"));
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Copies_moves_and_expunges_are_searched_where_the_messages_are(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var (messages, inbox) = await InboxAsync(store);
        var archive = (await messages.FindFolderAsync(inbox.MailboxId, FolderRole.Archive))!;
        var trash = (await messages.FindFolderAsync(inbox.MailboxId, FolderRole.Trash))!;
        var search = store.Get<IMailSearch>();
        var copied = await AppendAsync(messages, inbox, TestMessages.Plain("Invoice 17", "Please pay the invoice."));
        var moved = await AppendAsync(messages, inbox, TestMessages.Plain("Invoice 18", "Please pay this invoice too."));
        var expunged = await AppendAsync(messages, inbox, TestMessages.Plain("Invoice 19", "Last invoice."));

        var copy = await messages.CopyAsync(inbox.Id, [copied], archive.Id);
        var move = await messages.MoveAsync(inbox.Id, [moved], trash.Id);
        await messages.ExpungeAsync(inbox.Id, [expunged]);

        Assert.Equal([copied], await search.FindUidsAsync(inbox.Id, SearchField.Body, "invoice"));
        Assert.Equal([copy[0].TargetUid], await search.FindUidsAsync(archive.Id, SearchField.Body, "invoice"));
        Assert.Equal([move[0].TargetUid], await search.FindUidsAsync(trash.Id, SearchField.Subject, "invoice 18"));

        var everywhere = await store.Get<IMailSearch>().SearchAsync(inbox.MailboxId, null, "pay INVOICE", 0, 10);
        Assert.Equal(3, everywhere.Total);
        Assert.Equal(["Invoice 18", "Invoice 17", "Invoice 17"], everywhere.Items.Select(i => i.Subject));
        var inArchive = await store.Get<IMailSearch>().SearchAsync(inbox.MailboxId, archive.Id, "invoice", 0, 10);
        Assert.Equal([archive.Id], inArchive.Items.Select(i => i.FolderId));
        Assert.Equal(0, (await store.Get<IMailSearch>().SearchAsync(inbox.MailboxId, null, "pay nothing", 0, 10)).Total);
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Webmail_search_pages_newest_first_and_never_sees_another_mailbox(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var (messages, inbox) = await InboxAsync(store);
        var other = await store.AddMailboxAsync("mallory@example.test");
        var otherInbox = (await messages.FindFolderAsync(other.Id, FolderRole.Inbox))!;
        for (var i = 0; i < 7; i++)
        {
            await messages.AppendAsync(inbox.Id, new AppendRequest(
                TestMessages.Plain($"Status {i}", "weekly status"), InternalDateUtc: new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(i)));
        }

        await messages.AppendAsync(otherInbox.Id, new AppendRequest(TestMessages.Plain("Status secret", "weekly status")));

        var first = await store.Get<IMailSearch>().SearchAsync(inbox.MailboxId, null, "weekly", 0, 3);
        var second = await store.Get<IMailSearch>().SearchAsync(inbox.MailboxId, null, "weekly", 3, 3);

        Assert.Equal(7, first.Total);
        Assert.Equal(["Status 6", "Status 5", "Status 4"], first.Items.Select(i => i.Subject));
        Assert.Equal(["Status 3", "Status 2", "Status 1"], second.Items.Select(i => i.Subject));
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Messages_the_index_lacks_or_cut_short_are_still_found(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var (messages, inbox) = await InboxAsync(store);
        var search = store.Get<IMailSearch>();
        var long1 = new StringBuilder();
        while (long1.Length <= MessageTextExtractor.MaxBodyChars * 2)
        {
            long1.Append("filler text line\r\n");
        }

        var cut = await AppendAsync(messages, inbox, TestMessages.Plain("Long", long1 + "needle past the cap\r\n"));
        var pending = await AppendAsync(messages, inbox, TestMessages.Plain("Old", "stored before the index, a needle"));

        // As a message stored before the SearchIndex migration looks: no text row, state Pending.
        var contexts = store.Get<IDbContextFactory<PortalDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var row = await db.Messages.SingleAsync(m => m.FolderId == inbox.Id && m.Uid == pending);
            await db.MessageTexts.Where(t => t.BlobId == row.BlobId).ExecuteDeleteAsync();
            await db.Messages.Where(m => m.Id == row.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.SearchState, SearchIndexState.Pending));
            Assert.Equal(SearchIndexState.Partial, (await db.Messages.SingleAsync(m => m.FolderId == inbox.Id && m.Uid == cut)).SearchState);
        }

        Assert.Equal([cut, pending], (await search.FindUidsAsync(inbox.Id, SearchField.Body, "NEEDLE")).Order());
        Assert.Equal(2, (await search.SearchAsync(inbox.MailboxId, inbox.Id, "needle", 0, 10)).Total);
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task One_blob_in_many_folders_shares_one_text_row(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var (messages, inbox) = await InboxAsync(store);
        var bob = await store.AddMailboxAsync("bob@example.test");
        var bobInbox = (await messages.FindFolderAsync(bob.Id, FolderRole.Inbox))!;
        var blob = await store.Get<Portal.Core.Storage.IBlobStore>().PutAsync(TestMessages.Plain("Team lunch", "Friday at noon"));

        await Task.WhenAll(
            messages.AppendBlobAsync(inbox.Id, blob.Id, new AppendRequest(Stream.Null)),
            messages.AppendBlobAsync(bobInbox.Id, blob.Id, new AppendRequest(Stream.Null)));

        Assert.Single(await store.Get<IMailSearch>().FindUidsAsync(inbox.Id, SearchField.Body, "friday"));
        Assert.Single(await store.Get<IMailSearch>().FindUidsAsync(bobInbox.Id, SearchField.Body, "friday"));
        await using var db = await store.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.MessageTexts.CountAsync());
    }

    [Theory]
    [MemberData(nameof(DatabaseFixture.All), MemberType = typeof(DatabaseFixture))]
    public async Task Short_field_searches_ignore_the_body_and_see_every_stored_message(DatabaseKind kind)
    {
        await using var store = await databases.CreateStoreAsync(kind);
        var (messages, inbox) = await InboxAsync(store);
        var search = store.Get<IMailSearch>();
        var inSubject = await AppendAsync(messages, inbox, TestMessages.Plain("Invoice 4711 for March", "Please find it attached."));
        var inBody = await AppendAsync(messages, inbox, TestMessages.Plain("Monthly numbers", "The invoice is attached, see invoice 4711."));
        var both = await AppendAsync(messages, inbox, TestMessages.Plain("Re: invoice", "Paid the invoice today."));
        var copy = (await messages.CopyAsync(inbox.Id, [inSubject], inbox.Id)).Single().TargetUid;

        // SQLite answers short fields from their own FTS table (MessageFieldIndex); body text must not leak into it.
        Assert.Equal([inSubject, both, copy], (await search.FindUidsAsync(inbox.Id, SearchField.Subject, "INVOICE")).Order());
        Assert.Equal([inSubject, inBody, both, copy], (await search.FindUidsAsync(inbox.Id, SearchField.Text, "invoice")).Order());
        Assert.Equal([inBody, both], (await search.FindUidsAsync(inbox.Id, SearchField.Body, "invoice")).Order());
        Assert.Empty(await search.FindUidsAsync(inbox.Id, SearchField.Subject, "attached"));
        Assert.Equal(4, (await search.FindUidsAsync(inbox.Id, SearchField.From, "example")).Count);

        if (kind == DatabaseKind.Sqlite)
        {
            // Both FTS tables agree with their content rows (FTS5's own check throws on any difference).
            await using var db = await store.Get<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"MessageFieldIndex\"(\"MessageFieldIndex\", rank) VALUES ('integrity-check', 1)");
            await db.Database.ExecuteSqlRawAsync("INSERT INTO \"MessageTextIndex\"(\"MessageTextIndex\", rank) VALUES ('integrity-check', 1)");
        }
    }

    private static async Task<(IMessageStore Messages, Folder Inbox)> InboxAsync(TestStore store)
    {
        var mailbox = await store.AddMailboxAsync("alice@example.test");
        var messages = store.Get<IMessageStore>();
        return (messages, (await messages.FindFolderAsync(mailbox.Id, FolderRole.Inbox))!);
    }

    private static async Task<long> AppendAsync(IMessageStore messages, Folder folder, Stream content) =>
        (await messages.AppendAsync(folder.Id, new AppendRequest(content))).Uid;
}
