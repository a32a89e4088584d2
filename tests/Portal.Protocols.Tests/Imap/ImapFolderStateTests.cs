using MailKit;
using MailKit.Search;
using Portal.Core.Mail;
using AppendRequest = Portal.Core.Mail.AppendRequest;
using CoreFlags = Portal.Core.Mail.MessageFlags;
using MessageFlags = MailKit.MessageFlags;

namespace Portal.Protocols.Tests.Imap;

/// <summary>
/// SELECT, FETCH of flags and most SEARCH keys are answered from a per-folder snapshot shared by sessions: it must see
/// every change, whoever made it (another session, the web UI or delivery through the store), at once.
/// </summary>
public sealed class ImapFolderStateTests(ImapHostFixture fixture) : IClassFixture<ImapHostFixture>
{
    [Fact]
    public async Task Changes_made_through_the_store_are_seen_by_select_fetch_and_search_of_a_cached_folder()
    {
        var address = await fixture.NewUserAsync();
        using var client = await fixture.ConnectAsync(address);
        for (var i = 1; i <= 4; i++)
        {
            await client.Inbox.AppendAsync(ImapUpdatesTests.Message($"m{i}"));
        }

        var inbox = (await fixture.Store.FindFolderAsync(await fixture.MailboxIdAsync(address), FolderRole.Inbox))!;
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        Assert.Equal(4, (await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags)).Count);

        // As the web UI would: flags, a keyword, an expunge and new mail, none through IMAP.
        await fixture.Store.SetFlagsAsync(inbox.Id, [2], CoreFlags.Flagged | CoreFlags.Seen, ["$Work"], FlagChangeMode.Add);
        await fixture.Store.ExpungeAsync(inbox.Id, [3]);
        await fixture.Store.AppendAsync(inbox.Id, new AppendRequest(new MemoryStream("Subject: web\r\n\r\nfrom the web\r\n"u8.ToArray())));

        // FETCH does not expunge (RFC 3501 §7.4.1): message 3 is left out, the new flags are there.
        var flags = await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags);
        Assert.Equal([1u, 2u, 4u], flags.Select(f => f.UniqueId.Id));
        Assert.Equal(MessageFlags.Flagged | MessageFlags.Seen, flags.Single(f => f.UniqueId.Id == 2).Flags);
        Assert.Contains("$Work", flags.Single(f => f.UniqueId.Id == 2).Keywords);
        Assert.Equal([2u], (await client.Inbox.SearchAsync(SearchQuery.Flagged)).Select(u => u.Id));
        Assert.Equal([2u], (await client.Inbox.SearchAsync(SearchQuery.HasKeyword("$Work"))).Select(u => u.Id));

        await client.NoOpAsync();
        Assert.Equal(4, client.Inbox.Count);
        Assert.Equal([1u, 4u, 5u], (await client.Inbox.SearchAsync(SearchQuery.NotSeen)).Select(u => u.Id));

        using var other = await fixture.ConnectAsync(address);
        await other.Inbox.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(4, other.Inbox.Count);
        Assert.Equal(0, other.Inbox.FirstUnread);
        var fetched = await other.Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags);
        Assert.Equal([1u, 2u, 4u, 5u], fetched.Select(f => f.UniqueId.Id));

        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        var select = await raw.CommandAsync("s", "SELECT INBOX");
        Assert.Contains("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Work)", select);
        Assert.Contains("* 4 EXISTS", select);
        Assert.Contains("* OK [UNSEEN 1] First unseen.", select);
    }

    [Fact]
    public async Task State_items_from_the_snapshot_equal_those_read_with_the_row()
    {
        var address = await fixture.NewUserAsync();
        using var client = await fixture.ConnectAsync(address);
        await client.Inbox.AppendAsync(ImapUpdatesTests.Message("one", new string('y', 3000)), MessageFlags.Answered | MessageFlags.Draft, new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero));
        await client.Inbox.AppendAsync(ImapUpdatesTests.Message("two"));
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        await client.Inbox.AddFlagsAsync(new UniqueId(2), MessageFlags.None, new HashSet<string> { "$Label1", "later" }, silent: true);

        const MessageSummaryItems state = MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.ModSeq
            | MessageSummaryItems.InternalDate | MessageSummaryItems.Size;
        var fromSnapshot = await client.Inbox.FetchAsync(0, -1, state);
        var withRow = await client.Inbox.FetchAsync(0, -1, state | MessageSummaryItems.Envelope);

        Assert.Equal(
            withRow.Select(m => (m.UniqueId, m.Flags, string.Join(' ', m.Keywords.Order(StringComparer.Ordinal)), m.ModSeq, m.InternalDate, m.Size)),
            fromSnapshot.Select(m => (m.UniqueId, m.Flags, string.Join(' ', m.Keywords.Order(StringComparer.Ordinal)), m.ModSeq, m.InternalDate, m.Size)));
        Assert.Equal(MessageFlags.Answered | MessageFlags.Draft, fromSnapshot[0].Flags);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero), fromSnapshot[0].InternalDate);

        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        await raw.CommandAsync("s", "SELECT INBOX");
        var lines = await raw.CommandAsync("f", "FETCH 1:* (FLAGS UID)");
        Assert.Equal("* 1 FETCH (FLAGS (\\Answered \\Draft) UID 1)", lines[0]);
        Assert.Equal("* 2 FETCH (FLAGS ($Label1 later) UID 2)", lines[1]);
        var changed = await raw.CommandAsync("c", $"UID FETCH 1:* (FLAGS) (CHANGEDSINCE {fromSnapshot[0].ModSeq})");
        Assert.Equal("* 2 FETCH (UID 2 FLAGS ($Label1 later) MODSEQ (" + fromSnapshot[1].ModSeq + "))", changed[0]);
    }

    [Fact]
    public async Task Concurrent_sessions_storing_flags_leave_every_session_with_the_stored_flags()
    {
        var address = await fixture.NewUserAsync();
        using (var loader = await fixture.ConnectAsync(address))
        {
            for (var i = 0; i < 16; i++)
            {
                await loader.Inbox.AppendAsync(ImapUpdatesTests.Message($"m{i}"));
            }
        }

        var clients = new List<MailKit.Net.Imap.ImapClient>();
        for (var c = 0; c < 4; c++)
        {
            var client = await fixture.ConnectAsync(address);
            await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
            clients.Add(client);
        }

        // Each session flags its own quarter while all of them keep fetching flags (and so refreshing the snapshot).
        await Task.WhenAll(clients.Select((client, c) => Task.Run(async () =>
        {
            for (var i = 0; i < 4; i++)
            {
                await client.Inbox.AddFlagsAsync(new UniqueId((uint)(c * 4 + i + 1)), MessageFlags.Flagged, silent: true);
                await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags);
            }
        })));

        var inbox = (await fixture.Store.FindFolderAsync(await fixture.MailboxIdAsync(address), FolderRole.Inbox))!;
        await fixture.Store.SetFlagsAsync(inbox.Id, [16], CoreFlags.Flagged, FlagChangeMode.Remove);
        foreach (var client in clients)
        {
            var flagged = await client.Inbox.SearchAsync(SearchQuery.Flagged);
            Assert.Equal(Enumerable.Range(1, 15).Select(i => (uint)i), flagged.Select(u => u.Id));
            var fetched = await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags);
            Assert.Equal(15, fetched.Count(f => f.Flags!.Value.HasFlag(MessageFlags.Flagged)));
            client.Dispose();
        }
    }
}
