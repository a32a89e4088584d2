using MailKit;

namespace Portal.Protocols.Tests.Imap;

public sealed class ImapFolderTests(ImapHostFixture fixture) : IClassFixture<ImapHostFixture>
{
    [Fact]
    public async Task Copy_and_move_report_uids()
    {
        var address = await fixture.NewUserAsync();
        using var client = await fixture.ConnectAsync(address);
        for (var i = 0; i < 3; i++)
        {
            await client.Inbox.AppendAsync(ImapUpdatesTests.Message($"m{i}"));
        }

        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var archive = await client.GetFolderAsync("Archive");
        var copied = await client.Inbox.CopyToAsync(new UniqueId(1), archive);
        Assert.Equal(1u, copied!.Value.Id);
        var moved = await client.Inbox.MoveToAsync([new UniqueId(2), new UniqueId(3)], archive);
        Assert.Equal([2u, 3u], moved.Destination.Select(u => u.Id));
        Assert.Equal([2u, 3u], moved.Source.Select(u => u.Id));
        Assert.Equal(1, client.Inbox.Count);

        await archive.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(3, archive.Count);
        var subjects = (await archive.FetchAsync(0, -1, MessageSummaryItems.Envelope)).Select(s => s.Envelope!.Subject);
        Assert.Equal(["m0", "m1", "m2"], subjects);
    }

    [Fact]
    public async Task Create_rename_with_children_subscribe_and_delete()
    {
        var address = await fixture.NewUserAsync();
        using var client = await fixture.ConnectAsync(address);
        var root = client.GetFolder(client.PersonalNamespaces[0]);
        var projects = (await root.CreateAsync("Projects", true))!;
        var alpha = (await projects.CreateAsync("Alpha", true))!;
        await alpha.AppendAsync(ImapUpdatesTests.Message("in alpha"));

        var all = await client.GetFoldersAsync(client.PersonalNamespaces[0]);
        Assert.True(all.Single(f => f.FullName == "Projects").Attributes.HasFlag(FolderAttributes.HasChildren));
        Assert.Contains(all, f => f.FullName == "Projects/Alpha");

        await projects.RenameAsync(root, "Work");
        all = await client.GetFoldersAsync(client.PersonalNamespaces[0]);
        Assert.Contains(all, f => f.FullName == "Work/Alpha");
        Assert.DoesNotContain(all, f => f.FullName.StartsWith("Projects", StringComparison.Ordinal));
        var renamedAlpha = await client.GetFolderAsync("Work/Alpha");
        await renamedAlpha.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(1, renamedAlpha.Count);
        await renamedAlpha.CloseAsync();

        await renamedAlpha.UnsubscribeAsync();
        var subscribed = await client.GetFoldersAsync(client.PersonalNamespaces[0], StatusItems.None, subscribedOnly: true);
        Assert.DoesNotContain(subscribed, f => f.FullName == "Work/Alpha");

        var work = await client.GetFolderAsync("Work");
        await Assert.ThrowsAsync<MailKit.Net.Imap.ImapCommandException>(() => work.DeleteAsync());
        await renamedAlpha.DeleteAsync();
        await work.DeleteAsync();
        all = await client.GetFoldersAsync(client.PersonalNamespaces[0]);
        Assert.Equal(6, all.Count);

        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        Assert.Equal("d NO [CANNOT] INBOX cannot be deleted.", (await raw.CommandAsync("d", "DELETE inbox"))[^1]);
        Assert.Equal("c NO [ALREADYEXISTS] Folder 'Sent' already exists.", (await raw.CommandAsync("c", "CREATE Sent"))[^1]);
        Assert.Equal("r NO [NONEXISTENT] Folder 'Nope' does not exist.", (await raw.CommandAsync("r", "RENAME Nope Other"))[^1]);
    }

    [Fact]
    public async Task Renaming_inbox_moves_its_messages_to_the_new_folder_and_leaves_inbox_empty()
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        for (var i = 0; i < 3; i++)
        {
            Assert.StartsWith("ap OK", await raw.AppendAsync("INBOX", System.Text.Encoding.UTF8.GetBytes($"Subject: old {i}\r\n\r\nbody {i}\r\n")), StringComparison.Ordinal);
        }

        Assert.StartsWith("s OK", (await raw.CommandAsync("s", "SELECT INBOX"))[^1], StringComparison.Ordinal);
        var renamed = await raw.CommandAsync("r", "RENAME inbox \"Old Mail\"");
        Assert.Equal("r OK RENAME completed.", renamed[^1]);

        // The selected INBOX hears its messages leave; it is still there, empty; the new folder holds all three.
        Assert.Equal(3, renamed.Count(l => l.EndsWith(" EXPUNGE", StringComparison.Ordinal)));
        Assert.Equal("* STATUS \"INBOX\" (MESSAGES 0)", (await raw.CommandAsync("t1", "STATUS INBOX (MESSAGES)"))[0]);
        Assert.Equal("* STATUS \"Old Mail\" (MESSAGES 3)", (await raw.CommandAsync("t2", "STATUS \"Old Mail\" (MESSAGES)"))[0]);
        Assert.Contains("* 3 EXISTS", await raw.CommandAsync("e", "EXAMINE \"Old Mail\""));
        Assert.Equal("* SEARCH 1 2 3", (await raw.CommandAsync("q", "SEARCH SUBJECT old"))[0]);
        Assert.Equal("r2 NO [ALREADYEXISTS] Folder 'Old Mail' already exists.", (await raw.CommandAsync("r2", "RENAME INBOX \"Old Mail\""))[^1]);
    }
}
