using System.Text;
using MailKit;
using MailKit.Net.Imap;
using MimeKit;

namespace Portal.Protocols.Tests.Imap;

public sealed class ImapFetchTests(ImapHostFixture fixture) : IClassFixture<ImapHostFixture>
{
    private const string Html = "<p>Héllo wörld</p>";

    public static readonly byte[] Nested = Encoding.UTF8.GetBytes(
        "From: Zoë Ünïcode <zoe@example.test>\r\n" +
        "To: Bob <bob@example.test>, carol@example.test\r\n" +
        "Subject: Grüße ✓ nested\r\n" +
        "Date: Fri, 27 Nov 2026 10:00:00 +0100\r\n" +
        "Message-ID: <nested@example.test>\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: multipart/mixed; boundary=\"outer\"\r\n" +
        "\r\n" +
        "preamble\r\n" +
        "--outer\r\n" +
        "Content-Type: multipart/alternative; boundary=\"inner\"\r\n" +
        "\r\n" +
        "--inner\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "Content-Transfer-Encoding: 8bit\r\n" +
        "\r\n" +
        "Héllo wörld\r\nsecond line\r\n" +
        "--inner\r\n" +
        "Content-Type: text/html; charset=utf-8\r\n" +
        "\r\n" +
        Html + "\r\n" +
        "--inner--\r\n" +
        "--outer\r\n" +
        "Content-Type: application/octet-stream; name=\"a.bin\"\r\n" +
        "Content-Disposition: attachment; filename=\"a.bin\"\r\n" +
        "Content-Transfer-Encoding: base64\r\n" +
        "\r\n" +
        "AAECAw==\r\n" +
        "--outer--\r\n");

    [Fact]
    public async Task Every_fetch_item_of_a_nested_utf8_message()
    {
        var address = await fixture.NewUserAsync();
        await using (var raw = await RawImapClient.ConnectAsync(fixture.Port))
        {
            await raw.LoginAsync(address);
            Assert.StartsWith("ap OK", await raw.AppendAsync("INBOX", Nested, "(\\Flagged) \"27-Nov-2026 09:30:00 +0000\" "), StringComparison.Ordinal);
        }

        using var client = await fixture.ConnectAsync(address);
        var inbox = client.Inbox;
        await inbox.OpenAsync(FolderAccess.ReadWrite);
        var uid = new UniqueId(1);

        // BODY[] is the appended bytes, byte for byte; parts are served from the cached offsets.
        Assert.Equal(Nested, await SectionAsync(inbox, uid, string.Empty));
        Assert.Equal(Encoding.UTF8.GetBytes(Html), await SectionAsync(inbox, uid, "1.2"));
        Assert.Equal("Héllo wörld\r\nsecond line", Encoding.UTF8.GetString(await SectionAsync(inbox, uid, "1.1")));
        Assert.Equal("AAECAw==", Encoding.ASCII.GetString(await SectionAsync(inbox, uid, "2")));
        Assert.Equal("Content-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n", Encoding.ASCII.GetString(await SectionAsync(inbox, uid, "1.MIME")));
        var header = Encoding.UTF8.GetString(await SectionAsync(inbox, uid, "HEADER"));
        Assert.StartsWith("From: Zoë", header, StringComparison.Ordinal);
        Assert.EndsWith("boundary=\"outer\"\r\n\r\n", header, StringComparison.Ordinal);
        var text = Encoding.UTF8.GetString(await SectionAsync(inbox, uid, "TEXT"));
        Assert.StartsWith("preamble\r\n--outer", text, StringComparison.Ordinal);
        Assert.Equal(Nested.Length, Encoding.UTF8.GetByteCount(header) + Encoding.UTF8.GetByteCount(text));

        var summary = (await inbox.FetchAsync([uid], new FetchRequest(MessageSummaryItems.Full | MessageSummaryItems.UniqueId | MessageSummaryItems.BodyStructure | MessageSummaryItems.ModSeq))).Single();
        Assert.Equal("Grüße ✓ nested", summary.Envelope!.Subject);
        Assert.Equal("Zoë Ünïcode", ((MailboxAddress)summary.Envelope!.From[0]).Name);
        Assert.Equal("zoe@example.test", ((MailboxAddress)summary.Envelope!.From[0]).Address);
        Assert.Equal(2, summary.Envelope!.To.Count);
        Assert.Equal("nested@example.test", summary.Envelope!.MessageId);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.Zero), summary.InternalDate);
        Assert.Equal((uint)Nested.Length, summary.Size);
        Assert.Equal(MessageFlags.Flagged, summary.Flags);
        Assert.True(summary.ModSeq > 0);
        var body = Assert.IsType<BodyPartMultipart>(summary.Body);
        Assert.Equal("mixed", body.ContentType.MediaSubtype);
        var alternative = Assert.IsType<BodyPartMultipart>(body.BodyParts[0]);
        var html = Assert.IsType<BodyPartText>(alternative.BodyParts[1]);
        Assert.Equal("html", html.ContentType.MediaSubtype);
        Assert.Equal("1.2", html.PartSpecifier);
        Assert.Equal((uint)Encoding.UTF8.GetByteCount(Html), html.Octets);
        var attachment = Assert.IsType<BodyPartBasic>(body.BodyParts[1]);
        Assert.Equal("a.bin", attachment.FileName);
        Assert.True(attachment.IsAttachment);

        // HEADER.FIELDS, partial fetches and RFC822.* over the raw socket.
        await using var raw2 = await RawImapClient.ConnectAsync(fixture.Port);
        await raw2.LoginAsync(address);
        await raw2.CommandAsync("s", "SELECT INBOX");
        var fields = await raw2.CommandAsync("f", "FETCH 1 (BODY.PEEK[HEADER.FIELDS (Subject Message-ID)] BODY.PEEK[]<0.4> RFC822.SIZE INTERNALDATE)");
        Assert.StartsWith("* 1 FETCH (BODY[HEADER.FIELDS (Subject Message-ID)] {", fields[0], StringComparison.Ordinal);
        Assert.Equal("Subject: Grüße ✓ nested", fields[1]);
        Assert.Equal("Message-ID: <nested@example.test>", fields[2]);
        Assert.Equal(string.Empty, fields[3]);
        Assert.Equal(" BODY[]<0> {4}", fields[4]);
        Assert.StartsWith("From RFC822.SIZE", fields[5], StringComparison.Ordinal);
        Assert.Contains("INTERNALDATE \"27-Nov-2026 09:30:00 +0000\")", fields[5], StringComparison.Ordinal);
        var not = await raw2.CommandAsync("n", "UID FETCH 1 (BODY.PEEK[HEADER.FIELDS.NOT (From To Subject Date Message-ID MIME-Version)])");
        Assert.Equal("Content-Type: multipart/mixed; boundary=\"outer\"", not[1]);
        var rfc822 = await raw2.CommandAsync("r", "FETCH 1 (FLAGS RFC822.HEADER)");
        Assert.Contains("FLAGS (\\Flagged)", rfc822[0], StringComparison.Ordinal);

        // BODY[] without PEEK marks the message seen and says so.
        var seen = await raw2.CommandAsync("b", "FETCH 1 (BODY[1.2])");
        Assert.Contains(seen, l => l.Contains("FLAGS (\\Seen \\Flagged)", StringComparison.Ordinal));
        Assert.StartsWith("b OK", seen[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_broken_mime_message_still_fetches_with_its_raw_bytes_intact()
    {
        var address = await fixture.NewUserAsync();
        var broken = Encoding.UTF8.GetBytes("Subject: broken\r\nThis is not a header\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain; charset=x-unknown\r\n\r\nbody with no end \xff");
        await using (var raw = await RawImapClient.ConnectAsync(fixture.Port))
        {
            await raw.LoginAsync(address);
            Assert.StartsWith("ap OK", await raw.AppendAsync("INBOX", broken), StringComparison.Ordinal);
        }

        using var client = await fixture.ConnectAsync(address);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(broken, await SectionAsync(client.Inbox, new UniqueId(1), string.Empty));
        var summary = (await client.Inbox.FetchAsync([new UniqueId(1)], new FetchRequest(MessageSummaryItems.Full | MessageSummaryItems.BodyStructure))).Single();
        Assert.NotNull(summary.Body);
        Assert.NotNull(await client.Inbox.GetMessageAsync(new UniqueId(1)));
    }

    [Fact]
    public async Task Non_ascii_header_text_is_encoded_words_for_imap4rev1_and_utf8_once_the_session_accepts_it()
    {
        var address = await fixture.NewUserAsync();
        var attachment = Encoding.UTF8.GetBytes(
            "From: =?utf-8?q?Ren=C3=A9e?= <renee@example.test>\r\nSubject: plain\r\nMIME-Version: 1.0\r\n"
            + "Content-Type: application/pdf; name=\"r\u00e9sum\u00e9.pdf\"\r\nContent-Disposition: attachment; filename*=utf-8''r%C3%A9sum%C3%A9.pdf\r\n\r\nJVBERi0=\r\n");
        await using var rev1 = await RawImapClient.ConnectAsync(fixture.Port);
        await rev1.LoginAsync(address);
        Assert.StartsWith("ap OK", await rev1.AppendAsync("INBOX", Nested), StringComparison.Ordinal);
        Assert.StartsWith("ap OK", await rev1.AppendAsync("INBOX", attachment), StringComparison.Ordinal);
        Assert.StartsWith("s OK", (await rev1.CommandAsync("s", "SELECT INBOX"))[^1], StringComparison.Ordinal);
        const string Fetch = "FETCH 1:2 (ENVELOPE BODYSTRUCTURE)";

        // RFC 3501 §4.3 / RFC 6855 §7: an IMAP4rev1 session gets 7-bit text, non-ASCII as RFC 2047 encoded-words.
        var encoded = string.Join("\n", await rev1.CommandAsync("f", Fetch));
        Assert.True(encoded.All(c => c < 128), encoded);
        Assert.Contains("=?utf-8?", encoded, StringComparison.OrdinalIgnoreCase);

        // After ENABLE UTF8=ACCEPT (RFC 6855 §3) the same answers carry the text itself, in UTF-8 literals; a second
        // session that did not enable it still gets encoded-words from the shared cache.
        await using var utf8 = await RawImapClient.ConnectAsync(fixture.Port);
        await utf8.LoginAsync(address);
        Assert.Contains("* ENABLED UTF8=ACCEPT", await utf8.CommandAsync("e", "ENABLE UTF8=ACCEPT"));
        Assert.StartsWith("s OK", (await utf8.CommandAsync("s", "SELECT INBOX"))[^1], StringComparison.Ordinal);
        for (var round = 0; round < 2; round++)
        {
            var text = string.Join("\n", await utf8.CommandAsync("f", Fetch));
            Assert.DoesNotContain("=?", text, StringComparison.Ordinal);
            Assert.Contains("Grüße ✓ nested", text, StringComparison.Ordinal);
            Assert.Contains("Zoë Ünïcode", text, StringComparison.Ordinal);
            Assert.Contains("Renée", text, StringComparison.Ordinal);
            Assert.Contains("résumé.pdf", text, StringComparison.Ordinal);
            Assert.Matches(@"\{\d+\}\nGrüße ✓ nested", text);
        }

        Assert.Equal(encoded, string.Join("\n", await rev1.CommandAsync("f", Fetch)));
    }

    [Fact]
    public async Task Envelope_and_structure_answers_are_the_same_when_fetched_again_and_for_a_copy()
    {
        var address = await fixture.NewUserAsync();
        var forwarded = Encoding.UTF8.GetBytes(
            "From: a@example.test\r\nSubject: fwd\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n"
            + "--b\r\nContent-Type: text/plain\r\n\r\nsee below\r\n"
            + "--b\r\nContent-Type: message/rfc822\r\n\r\nFrom: inner@example.test\r\nSubject: the inner one\r\n\r\ninner body\r\n"
            + "--b--\r\n");
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        Assert.StartsWith("ap OK", await raw.AppendAsync("INBOX", Nested), StringComparison.Ordinal);
        Assert.StartsWith("ap OK", await raw.AppendAsync("INBOX", forwarded), StringComparison.Ordinal);
        Assert.StartsWith("c OK", (await raw.CommandAsync("c", "CREATE Kept"))[^1], StringComparison.Ordinal);
        Assert.StartsWith("s OK", (await raw.CommandAsync("s", "SELECT INBOX"))[^1], StringComparison.Ordinal);

        // The first answer is formatted from the row, later ones (and a copy's, same blob) come from the shared cache.
        var first = await raw.CommandAsync("f", "FETCH 1:2 (ENVELOPE BODY BODYSTRUCTURE)");
        Assert.Contains(first, l => l.Contains("\"the inner one\"", StringComparison.Ordinal) && l.Contains("BODY ((", StringComparison.Ordinal));
        Assert.Contains(first, l => l.Contains("BODYSTRUCTURE ((", StringComparison.Ordinal) && l.Contains("\"mixed\" (\"boundary\" \"b\")", StringComparison.Ordinal));
        Assert.Equal(first, await raw.CommandAsync("f", "FETCH 1:2 (ENVELOPE BODY BODYSTRUCTURE)"));
        Assert.StartsWith("y OK", (await raw.CommandAsync("y", "COPY 1:2 Kept"))[^1], StringComparison.Ordinal);
        Assert.StartsWith("s OK", (await raw.CommandAsync("s", "SELECT Kept"))[^1], StringComparison.Ordinal);
        Assert.Equal(first, await raw.CommandAsync("f", "FETCH 1:2 (ENVELOPE BODY BODYSTRUCTURE)"));
    }

    [Fact]
    public async Task Cached_envelopes_come_with_current_flags_in_the_asked_order_and_skip_what_others_expunged()
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        for (var i = 1; i <= 3; i++)
        {
            var message = Encoding.UTF8.GetBytes($"From: a@example.test\r\nSubject: cached {i} {Guid.NewGuid():N}\r\n\r\nbody {i}\r\n");
            Assert.StartsWith("ap OK", await raw.AppendAsync("INBOX", message), StringComparison.Ordinal);
        }

        Assert.StartsWith("s OK", (await raw.CommandAsync("s", "SELECT INBOX"))[^1], StringComparison.Ordinal);
        const string Fetch = "FETCH 1:3 (BODYSTRUCTURE FLAGS ENVELOPE UID MODSEQ)";
        var first = await raw.CommandAsync("f", Fetch);
        Assert.Equal(first, await raw.CommandAsync("f", Fetch));

        // Another session flags message 2 and expunges message 3; this one is told nothing yet (no EXPUNGE during FETCH).
        await using (var other = await RawImapClient.ConnectAsync(fixture.Port))
        {
            await other.LoginAsync(address);
            Assert.StartsWith("s OK", (await other.CommandAsync("s", "SELECT INBOX"))[^1], StringComparison.Ordinal);
            Assert.StartsWith("t OK", (await other.CommandAsync("t", "STORE 2 +FLAGS.SILENT (\\Flagged)"))[^1], StringComparison.Ordinal);
            Assert.StartsWith("t OK", (await other.CommandAsync("t", "STORE 3 +FLAGS.SILENT (\\Deleted)"))[^1], StringComparison.Ordinal);
            Assert.StartsWith("x OK", (await other.CommandAsync("x", "EXPUNGE"))[^1], StringComparison.Ordinal);
        }

        var after = await raw.CommandAsync("f", Fetch);
        Assert.StartsWith("f OK", after[^1], StringComparison.Ordinal);
        var responses = after.Where(l => l.StartsWith("* ", StringComparison.Ordinal) && l.Contains(" FETCH (", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, responses.Count);
        Assert.Equal(first[0], responses[0]);
        Assert.StartsWith("* 2 FETCH (BODYSTRUCTURE (", responses[1], StringComparison.Ordinal);
        Assert.Contains(" FLAGS (\\Flagged) ENVELOPE (", responses[1], StringComparison.Ordinal);
        Assert.Contains("\"cached 2 ", responses[1], StringComparison.Ordinal);
        Assert.Matches(@" UID 2 MODSEQ \(\d+\)\)$", responses[1]);
        Assert.NotEqual(first[1], responses[1]);

        // CHANGEDSINCE (RFC 7162 §3.1.4.1) leaves out what did not change since, from the cached answers as well.
        var modSeq = first[1].Split("MODSEQ (")[1].TrimEnd(')');
        var changed = await raw.CommandAsync("c", $"FETCH 1:3 (ENVELOPE FLAGS) (CHANGEDSINCE {modSeq})");
        var only = Assert.Single(changed, l => l.Contains(" FETCH (", StringComparison.Ordinal));
        Assert.StartsWith("* 2 FETCH (ENVELOPE (", only, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_envelope_only_fetch_skips_what_another_session_expunged_as_the_first_did()
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        for (var i = 1; i <= 2; i++)
        {
            var message = Encoding.UTF8.GetBytes($"From: a@example.test\r\nSubject: only {i} {Guid.NewGuid():N}\r\n\r\nbody {i}\r\n");
            Assert.StartsWith("ap OK", await raw.AppendAsync("INBOX", message), StringComparison.Ordinal);
        }

        Assert.StartsWith("s OK", (await raw.CommandAsync("s", "SELECT INBOX"))[^1], StringComparison.Ordinal);
        Assert.Equal(2, (await raw.CommandAsync("f", "FETCH 1:2 (ENVELOPE)")).Count(l => l.Contains(" FETCH (", StringComparison.Ordinal)));

        await using (var other = await RawImapClient.ConnectAsync(fixture.Port))
        {
            await other.LoginAsync(address);
            Assert.StartsWith("s OK", (await other.CommandAsync("s", "SELECT INBOX"))[^1], StringComparison.Ordinal);
            Assert.StartsWith("t OK", (await other.CommandAsync("t", "STORE 2 +FLAGS.SILENT (\\Deleted)"))[^1], StringComparison.Ordinal);
            Assert.StartsWith("x OK", (await other.CommandAsync("x", "EXPUNGE"))[^1], StringComparison.Ordinal);
        }

        // Now answered from the caches, without the rows: message 2 is left out as the rows query leaves it out.
        var after = await raw.CommandAsync("f", "FETCH 1:2 (ENVELOPE)");
        Assert.StartsWith("f OK", after[^1], StringComparison.Ordinal);
        Assert.StartsWith("* 1 FETCH (ENVELOPE (", Assert.Single(after, l => l.Contains(" FETCH (", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sequence_sets_with_overlaps_gaps_reversed_ranges_and_star_name_each_message_once_in_order()
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        for (var i = 1; i <= 6; i++)
        {
            Assert.StartsWith("ap OK", await raw.AppendAsync("INBOX", Encoding.ASCII.GetBytes($"Subject: m{i}\r\n\r\nbody\r\n")), StringComparison.Ordinal);
        }

        // UIDs 1..6, then 2 and 5 expunged: sequence numbers 1..4 are UIDs 1, 3, 4, 6.
        Assert.StartsWith("s OK", (await raw.CommandAsync("s", "SELECT INBOX"))[^1], StringComparison.Ordinal);
        Assert.StartsWith("e OK", (await raw.CommandAsync("e", "UID STORE 2,5 +FLAGS.SILENT (\\Deleted)"))[^1], StringComparison.Ordinal);
        Assert.StartsWith("x OK", (await raw.CommandAsync("x", "EXPUNGE"))[^1], StringComparison.Ordinal);

        async Task<List<string>> UidsAsync(string command)
        {
            var lines = await raw.CommandAsync("f", command);
            Assert.StartsWith("f OK", lines[^1], StringComparison.Ordinal);
            return lines.Where(l => l.StartsWith("* ", StringComparison.Ordinal) && l.Contains(" FETCH (", StringComparison.Ordinal))
                .Select(l => l[2..l.IndexOf(" FETCH", StringComparison.Ordinal)] + "=" + l.Split("UID ")[1].Split(' ', ')')[0]).ToList();
        }

        Assert.Equal(["1=1", "2=3", "3=4", "4=6"], await UidsAsync("FETCH 1:* (UID)"));
        Assert.Equal(["2=3", "3=4", "4=6"], await UidsAsync("FETCH *:2,3,4:3 (UID)"));
        Assert.Equal(["1=1", "4=6"], await UidsAsync("FETCH 4,1,4 (UID)"));
        Assert.Equal(["2=3", "3=4", "4=6"], await UidsAsync("UID FETCH 2:5,6:* (UID)"));
        Assert.Equal(["1=1", "3=4"], await UidsAsync("UID FETCH 4,1,2,5 (UID)"));
        Assert.Equal(["4=6"], await UidsAsync("UID FETCH 100:* (UID)"));
        Assert.Empty(await UidsAsync("UID FETCH 7:99 (UID)"));
        Assert.StartsWith("b BAD", (await raw.CommandAsync("b", "FETCH 2:5 (UID)"))[^1], StringComparison.Ordinal);
    }

    private static async Task<byte[]> SectionAsync(IMailFolder folder, UniqueId uid, string section)
    {
        using var stream = await folder.GetStreamAsync(uid, section);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
