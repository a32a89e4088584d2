using MailKit;
using MailKit.Net.Imap;

namespace Portal.Protocols.Tests.Imap;

/// <summary>IMAP4rev2 (RFC 9051) beside IMAP4rev1, UTF8=ACCEPT (RFC 6855) and modified UTF-7 names (RFC 3501 §5.1.3).</summary>
public sealed class ImapRev2Tests(ImapHostFixture fixture) : IClassFixture<ImapHostFixture>
{
    [Fact]
    public async Task Both_revisions_are_advertised_and_mailkit_sees_the_extensions()
    {
        var address = await fixture.NewUserAsync();
        using var client = await fixture.ConnectAsync(address);
        foreach (var capability in new[] { ImapCapabilities.IMAP4rev2, ImapCapabilities.UTF8Accept, ImapCapabilities.ListExtended, ImapCapabilities.ListStatus, ImapCapabilities.Binary, ImapCapabilities.Compress })
        {
            Assert.True(client.Capabilities.HasFlag(capability), capability.ToString());
        }
    }

    [Fact]
    public async Task Enable_imap4rev2_changes_select_search_and_status()
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        await raw.AppendAsync("INBOX", "Subject: one\r\n\r\none\r\n"u8.ToArray());
        await raw.AppendAsync("INBOX", "Subject: two\r\n\r\ntwo\r\n"u8.ToArray(), "(\\Deleted) ");

        // IMAP4rev1 first: RECENT and the UNSEEN code are there, SEARCH answers SEARCH.
        var rev1 = await raw.CommandAsync("s1", "SELECT INBOX");
        Assert.Contains("* 0 RECENT", rev1);
        Assert.Contains(rev1, l => l.StartsWith("* OK [UNSEEN 1]", StringComparison.Ordinal));
        Assert.Equal("* SEARCH 1 2", (await raw.CommandAsync("q1", "SEARCH ALL"))[0]);
        Assert.StartsWith("u OK", (await raw.CommandAsync("u", "UNSELECT"))[^1], StringComparison.Ordinal);

        Assert.Equal(["* ENABLED IMAP4rev2", "e OK ENABLE completed."], await raw.CommandAsync("e", "ENABLE IMAP4rev2"));
        var rev2 = await raw.CommandAsync("s2", "SELECT INBOX");
        Assert.DoesNotContain(rev2, l => l.Contains("RECENT", StringComparison.Ordinal) || l.Contains("[UNSEEN", StringComparison.Ordinal));
        Assert.Contains("* LIST () \"/\" \"INBOX\"", rev2);
        Assert.Contains(rev2, l => l.StartsWith("* OK [PERMANENTFLAGS (", StringComparison.Ordinal) && l.Contains("\\*)", StringComparison.Ordinal));
        Assert.StartsWith("s2 OK [READ-WRITE]", rev2[^1], StringComparison.Ordinal);

        // RFC 9051 §6.4.4: SEARCH answers ESEARCH, with ALL when no RETURN was given.
        Assert.Equal("* ESEARCH (TAG \"q2\") ALL 1:2", (await raw.CommandAsync("q2", "SEARCH ALL"))[0]);
        Assert.Equal("* ESEARCH (TAG \"q3\") UID ALL 2", (await raw.CommandAsync("q3", "UID SEARCH DELETED"))[0]);
        Assert.Equal("* ESEARCH (TAG \"q4\") COUNT 0", (await raw.CommandAsync("q4", "SEARCH RETURN (COUNT) SUBJECT nothing-like-this"))[0]);

        var status = await raw.CommandAsync("st", "STATUS Drafts (MESSAGES DELETED SIZE)");
        Assert.Equal("* STATUS \"Drafts\" (MESSAGES 0 DELETED 0 SIZE 0)", status[0]);

        // ENABLE belongs to the authenticated state (RFC 9051 §6.3.1).
        Assert.Equal("e2 BAD ENABLE is only allowed before a mailbox is selected.", (await raw.CommandAsync("e2", "ENABLE UTF8=ACCEPT"))[^1]);
    }

    [Fact]
    public async Task Unicode_folders_from_the_web_round_trip_through_rev1_and_utf8_clients()
    {
        var address = await fixture.NewUserAsync();
        var mailbox = await fixture.MailboxIdAsync(address);

        // Made the way the web UI makes folders: real Unicode names in the store.
        await fixture.Store.CreateFolderAsync(mailbox, "Entwürfe");
        await fixture.Store.CreateFolderAsync(mailbox, "日本語/受信");
        await fixture.Store.CreateFolderAsync(mailbox, "R&D");

        // A rev1 client sees modified UTF-7 on the wire...
        await using (var raw = await RawImapClient.ConnectAsync(fixture.Port))
        {
            await raw.LoginAsync(address);
            var list = await raw.CommandAsync("l", "LIST \"\" *");
            Assert.Contains("* LIST (\\HasNoChildren) \"/\" \"Entw&APw-rfe\"", list);
            Assert.Contains("* LIST (\\HasChildren) \"/\" \"&ZeVnLIqe-\"", list);
            Assert.Contains("* LIST (\\HasNoChildren) \"/\" \"&ZeVnLIqe-/&U9dP4Q-\"", list);
            Assert.Contains("* LIST (\\HasNoChildren) \"/\" \"R&-D\"", list);
            Assert.StartsWith("s OK", (await raw.CommandAsync("s", "SELECT \"&ZeVnLIqe-/&U9dP4Q-\""))[^1], StringComparison.Ordinal);
            Assert.Equal("* STATUS \"Entw&APw-rfe\" (MESSAGES 0)", (await raw.CommandAsync("t", "STATUS \"Entw&APw-rfe\" (MESSAGES)"))[0]);

            // Broken modified UTF-7 is a BAD, not a folder of that name.
            Assert.StartsWith("b BAD Invalid modified UTF-7", (await raw.CommandAsync("b", "CREATE \"&Jjo\""))[^1], StringComparison.Ordinal);
            Assert.StartsWith("c BAD Invalid modified UTF-7", (await raw.CommandAsync("c", "CREATE \"&AGE-\""))[^1], StringComparison.Ordinal);
        }

        // ...and MailKit (rev1, no UTF-8) decodes it to the same names, and creates Unicode folders the store keeps as Unicode.
        using (var client = await fixture.ConnectAsync(address))
        {
            var names = (await client.GetFoldersAsync(client.PersonalNamespaces[0])).Select(f => f.FullName).ToList();
            Assert.Contains("Entwürfe", names);
            Assert.Contains("日本語/受信", names);
            Assert.Contains("R&D", names);
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            var created = await root.CreateAsync("Привет", true);
            await created!.AppendAsync(ImapUpdatesTests.Message("hello"));
        }

        Assert.NotNull(await fixture.Store.FindFolderAsync(mailbox, "Привет"));

        // A UTF8=ACCEPT client gets and sends the names as UTF-8.
        using (var utf8 = await fixture.ConnectAsync(address))
        {
            await utf8.EnableUTF8Async();
            var names = (await utf8.GetFoldersAsync(utf8.PersonalNamespaces[0])).Select(f => f.FullName).ToList();
            Assert.Contains("Entwürfe", names);
            Assert.Contains("Привет", names);
            var folder = await utf8.GetFolderAsync("Привет");
            await folder.OpenAsync(FolderAccess.ReadOnly);
            Assert.Equal(1, folder.Count);
            var root = utf8.GetFolder(utf8.PersonalNamespaces[0]);
            await root.CreateAsync("Ĉefa", true);
        }

        Assert.NotNull(await fixture.Store.FindFolderAsync(mailbox, "Ĉefa"));

        await using (var raw = await RawImapClient.ConnectAsync(fixture.Port))
        {
            await raw.LoginAsync(address);
            await raw.CommandAsync("e", "ENABLE UTF8=ACCEPT");
            var list = await raw.CommandAsync("l", "LIST \"\" Entw*");
            Assert.Equal("* LIST (\\HasNoChildren) \"/\" {9}", list[0]);
            Assert.Equal("Entwürfe", list[1]);
        }
    }

    [Fact]
    public async Task Append_takes_literal8_and_the_utf8_form()
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        var message = "Subject: Grüße\r\nFrom: jörg@example.org\r\n\r\nHallo\r\n"u8.ToArray();
        await raw.SendAsync($"a APPEND INBOX ~{{{message.Length}}}\r\n");
        Assert.StartsWith("+", await raw.ReadLineAsync(), StringComparison.Ordinal);
        await raw.SendAsync([.. message, .. "\r\n"u8.ToArray()]);
        Assert.StartsWith("a OK [APPENDUID", (await raw.ReadUntilTaggedAsync("a"))[^1], StringComparison.Ordinal);

        await raw.SendAsync($"b APPEND INBOX UTF8 (~{{{message.Length}+}}\r\n");
        await raw.SendAsync([.. message, .. ")\r\n"u8.ToArray()]);
        Assert.StartsWith("b OK [APPENDUID", (await raw.ReadUntilTaggedAsync("b"))[^1], StringComparison.Ordinal);
        Assert.StartsWith("c BAD UTF8 needs a literal8", (await raw.CommandAsync("c", "APPEND INBOX UTF8 (\"x\")"))[^1], StringComparison.Ordinal);

        await raw.CommandAsync("s", "SELECT INBOX");
        var fetched = await raw.CommandAsync("f", "FETCH 2 RFC822.SIZE");
        Assert.Equal($"* 2 FETCH (RFC822.SIZE {message.Length})", fetched[0]);
    }
}
