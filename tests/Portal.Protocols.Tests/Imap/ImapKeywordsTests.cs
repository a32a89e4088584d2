using MailKit;
using MailKit.Search;

namespace Portal.Protocols.Tests.Imap;

/// <summary>Keywords kept by STORE (PERMANENTFLAGS \*, FLAGS listing keywords in use, SEARCH KEYWORD) and seen by other sessions.</summary>
public sealed class ImapKeywordsTests(ImapHostFixture fixture) : IClassFixture<ImapHostFixture>
{
    [Fact]
    public async Task Keywords_are_stored_searched_and_announced()
    {
        var address = await fixture.NewUserAsync();
        using var client = await fixture.ConnectAsync(address);
        for (var i = 0; i < 3; i++)
        {
            await client.Inbox.AppendAsync(ImapUpdatesTests.Message($"m{i}"));
        }

        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        Assert.True(client.Inbox.PermanentFlags.HasFlag(MessageFlags.UserDefined));

        await client.Inbox.AddFlagsAsync([new UniqueId(1), new UniqueId(2)], MessageFlags.Flagged, new HashSet<string> { "$Work", "Later" }, silent: false);
        await client.Inbox.RemoveFlagsAsync(new UniqueId(2), MessageFlags.None, new HashSet<string> { "later" }, silent: false);
        await client.Inbox.SetFlagsAsync(new UniqueId(3), MessageFlags.Seen, new HashSet<string> { "Receipt" }, silent: false);

        var summaries = await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.Flags | MessageSummaryItems.UniqueId);
        Assert.Equal(["$Work", "Later"], summaries[0].Keywords.Order(StringComparer.Ordinal));
        Assert.Equal(["$Work"], summaries[1].Keywords);
        Assert.Equal(["Receipt"], summaries[2].Keywords);
        Assert.Equal(MessageFlags.Seen, summaries[2].Flags!.Value & ~MessageFlags.UserDefined);

        Assert.Equal([1u, 2u], (await client.Inbox.SearchAsync(SearchQuery.HasKeyword("$Work"))).Select(u => u.Id));
        Assert.Equal([2u, 3u], (await client.Inbox.SearchAsync(SearchQuery.NotKeyword("Later"))).Select(u => u.Id));

        // A new session's FLAGS lists the keywords in use; another session's new keyword reaches it as FLAGS + FETCH.
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        var select = await raw.CommandAsync("s", "SELECT INBOX");
        Assert.Contains("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Work Later Receipt)", select);
        Assert.Contains("* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Work Later Receipt \\*)] Flags and keywords are kept.", select);
        await client.Inbox.AddFlagsAsync(new UniqueId(3), MessageFlags.None, new HashSet<string> { "Urgent" }, silent: true);
        var noop = await raw.CommandAsync("n", "NOOP");
        Assert.Contains("* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Work Later Receipt Urgent)", noop);
        Assert.Contains("* 3 FETCH (FLAGS (\\Seen Receipt Urgent))", noop);

        Assert.StartsWith("b BAD", (await raw.CommandAsync("b", "STORE 1 +FLAGS (\\Bogus)"))[^1], StringComparison.Ordinal);
        Assert.StartsWith("c BAD", (await raw.CommandAsync("c", "STORE 1 +FLAGS (bad\"word)"))[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uid_fetch_changedsince_vanished_reports_expunged_uids()
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        for (var i = 0; i < 4; i++)
        {
            await raw.AppendAsync("INBOX", System.Text.Encoding.ASCII.GetBytes($"Subject: m{i}\r\n\r\nbody\r\n"));
        }

        await raw.CommandAsync("v0", "SELECT INBOX");
        Assert.Equal("v BAD ENABLE QRESYNC before using VANISHED.", (await raw.CommandAsync("v", "UID FETCH 1:* (FLAGS) (CHANGEDSINCE 1 VANISHED)"))[^1]);
        await raw.CommandAsync("u", "UNSELECT");
        await raw.CommandAsync("e", "ENABLE QRESYNC");
        var select = await raw.CommandAsync("s", "SELECT INBOX");
        var modSeq = long.Parse(System.Text.RegularExpressions.Regex.Match(string.Join('\n', select), @"HIGHESTMODSEQ (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        await raw.CommandAsync("d", "UID STORE 2,3 +FLAGS.SILENT (\\Deleted)");
        await raw.CommandAsync("x", "UID EXPUNGE 2:3");
        await raw.CommandAsync("f", "UID STORE 4 +FLAGS.SILENT (\\Flagged)");

        var fetched = await raw.CommandAsync("g", $"UID FETCH 1:* (FLAGS) (CHANGEDSINCE {modSeq} VANISHED)");
        Assert.Equal("* VANISHED (EARLIER) 2:3", fetched[0]);
        Assert.Matches(@"^\* 2 FETCH \(UID 4 FLAGS \(\\Flagged\) MODSEQ \(\d+\)\)$", fetched[1]);
        Assert.Equal("g OK UID FETCH completed.", fetched[^1]);

        Assert.Equal("h BAD VANISHED needs CHANGEDSINCE.", (await raw.CommandAsync("h", "UID FETCH 1:* (FLAGS) (VANISHED)"))[^1]);
        Assert.Equal("i BAD Unsupported FETCH modifier VANISHED.", (await raw.CommandAsync("i", $"FETCH 1:* (FLAGS) (CHANGEDSINCE {modSeq} VANISHED)"))[^1]);
    }

    [Fact]
    public async Task Binary_fetch_undoes_the_transfer_encoding()
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        byte[] payload = [0, 1, 2, 255, 13, 10, 65];
        var message = "MIME-Version: 1.0\r\nSubject: bin\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nGr=C3=BC=C3=9Fe\r\n--b\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + Convert.ToBase64String(payload) + "\r\n--b\r\nContent-Type: application/x-odd\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nbegin\r\n--b--\r\n";
        await raw.AppendAsync("INBOX", System.Text.Encoding.ASCII.GetBytes(message));
        await raw.CommandAsync("s", "SELECT INBOX");

        await raw.SendAsync("f FETCH 1 (BINARY.SIZE[1] BINARY.SIZE[2] BINARY.PEEK[1])\r\n");
        Assert.Equal("* 1 FETCH (BINARY.SIZE[1] 7 BINARY.SIZE[2] 7 BINARY[1] {7}", await raw.ReadLineAsync());
        Assert.Equal("Grüße)", await raw.ReadLineAsync());
        Assert.Equal("f OK FETCH completed.", await raw.ReadLineAsync());

        // NUL in the data: a literal8, exact bytes; \Seen is not set by PEEK.
        var lines = await raw.CommandAsync("g", "FETCH 1 (BINARY.PEEK[2]<0.3> FLAGS)");
        Assert.Equal("* 1 FETCH (BINARY[2]<0> ~{3}", lines[0]);
        Assert.Equal("\0\u0001\u0002 FLAGS ())", lines[1]);

        Assert.Equal("h NO [UNKNOWN-CTE] Cannot decode the part's content-transfer-encoding.", (await raw.CommandAsync("h", "FETCH 1 BINARY[3]"))[^1]);
        Assert.StartsWith("i BAD", (await raw.CommandAsync("i", "FETCH 1 BINARY[1.TEXT]"))[^1], StringComparison.Ordinal);
        var seen = await raw.CommandAsync("j", "FETCH 1 (BINARY[1])");
        Assert.Contains("FLAGS (\\Seen)", seen[1], StringComparison.Ordinal);
    }
}
