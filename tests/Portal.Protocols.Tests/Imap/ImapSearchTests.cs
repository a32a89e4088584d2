using MailKit;
using MailKit.Search;
using MimeKit;
using MimeKit.Text;

namespace Portal.Protocols.Tests.Imap;

public sealed class ImapSearchTests(ImapHostFixture fixture) : IClassFixture<ImapHostFixture>
{
    [Fact]
    public async Task Search_keys_select_the_right_messages()
    {
        var address = await fixture.NewUserAsync();
        using var client = await fixture.ConnectAsync(address);
        var inbox = client.Inbox;
        await inbox.AppendAsync(ImapUpdatesTests.Message("Quarterly report", "numbers inside", "carol@example.test"));
        await inbox.AppendAsync(ImapUpdatesTests.Message("Lunch?", "pizza at noon"));
        await inbox.AppendAsync(ImapUpdatesTests.Message("Re: Quarterly report", new string('x', 5000)));
        await inbox.OpenAsync(FolderAccess.ReadWrite);
        await inbox.StoreAsync(new UniqueId(2), new StoreFlagsRequest(StoreAction.Add, MessageFlags.Seen | MessageFlags.Flagged) { Silent = true });

        async Task Expect(uint[] expected, SearchQuery query) => Assert.Equal(expected, (await inbox.SearchAsync(query)).Select(u => u.Id));

        await Expect([1u, 2u, 3u], SearchQuery.All);
        await Expect([1u, 3u], SearchQuery.SubjectContains("quarterly"));
        await Expect([1u], SearchQuery.FromContains("carol"));
        await Expect([2u], SearchQuery.BodyContains("PIZZA"));
        await Expect([1u], SearchQuery.MessageContains("numbers"));
        await Expect([2u], SearchQuery.Seen);
        await Expect([1u, 3u], SearchQuery.NotSeen);
        await Expect([2u], SearchQuery.Flagged);
        await Expect([3u], SearchQuery.LargerThan(3000));
        await Expect([1u, 2u], SearchQuery.SmallerThan(3000));
        await Expect([2u, 3u], SearchQuery.Uids([new UniqueId(2), new UniqueId(3)]));
        await Expect([1u, 2u], SearchQuery.Not(SearchQuery.LargerThan(3000)));
        await Expect([1u, 2u], SearchQuery.Or(SearchQuery.Flagged, SearchQuery.FromContains("carol")));
        await Expect([1u, 2u, 3u], SearchQuery.SentSince(new DateTime(2026, 11, 20)));
        await Expect([], SearchQuery.SentBefore(new DateTime(2026, 11, 20)));
        await Expect([1u, 2u, 3u], SearchQuery.DeliveredAfter(DateTime.UtcNow.Date.AddDays(-1)));
        await Expect([], SearchQuery.DeliveredBefore(DateTime.UtcNow.Date.AddDays(-1)));
        await Expect([1u, 2u, 3u], SearchQuery.HeaderContains("Message-ID", string.Empty));
        await Expect([1u, 3u], SearchQuery.SubjectContains("report").And(SearchQuery.NotFlagged));
        var flaggedModSeq = (await inbox.FetchAsync([new UniqueId(2)], new FetchRequest(MessageSummaryItems.ModSeq))).Single().ModSeq!.Value;
        await Expect([2u], SearchQuery.ChangedSince(flaggedModSeq));

        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        await raw.CommandAsync("s", "SELECT INBOX");
        Assert.Equal("* SEARCH 1 3", (await raw.CommandAsync("a", "SEARCH SUBJECT quarterly"))[0]);
        Assert.Equal("* SEARCH 2 3", (await raw.CommandAsync("b", "SEARCH 2:*"))[0]);
        Assert.Equal("* ESEARCH (TAG \"c\") UID MIN 1 MAX 3 COUNT 2", (await raw.CommandAsync("c", "UID SEARCH RETURN (MIN MAX COUNT) UNSEEN"))[0]);
        Assert.StartsWith("d BAD", (await raw.CommandAsync("d", "SEARCH FROBNICATE"))[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_keys_find_decoded_utf8_quoted_printable_base64_and_html_bodies()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var address = await fixture.NewUserAsync();
        using var client = await fixture.ConnectAsync(address);
        var inbox = client.Inbox;
        await inbox.AppendAsync(Encoded("Grüße aus Köln", "Die Straße ist gesperrt. Schönen Gruß!", TextFormat.Plain, ContentEncoding.QuotedPrintable, "iso-8859-1"));
        await inbox.AppendAsync(Encoded("Отчёт", "Квартальный ОТЧЁТ готов", TextFormat.Plain, ContentEncoding.Base64, "koi8-r"));
        await inbox.AppendAsync(Encoded("Newsletter", "<p>Big <b>sa</b>le &amp; more</p><script>var hidden = 1;</script>", TextFormat.Html, ContentEncoding.Base64, "utf-8"));
        var bcc = ImapUpdatesTests.Message("Planning", "agenda attached", "dave@example.test");
        bcc.Bcc.Add(MailboxAddress.Parse("eve@example.test"));
        await inbox.AppendAsync(bcc);
        await inbox.OpenAsync(FolderAccess.ReadOnly);

        async Task Expect(uint[] expected, SearchQuery query) => Assert.Equal(expected, (await inbox.SearchAsync(query)).Select(u => u.Id));

        // MailKit sends non-ASCII strings with CHARSET UTF-8 as literals.
        await Expect([1u], SearchQuery.BodyContains("STRASSE".Replace("SS", "ß", StringComparison.Ordinal)));
        await Expect([1u], SearchQuery.BodyContains("schönen gruß"));
        await Expect([1u], SearchQuery.SubjectContains("GRÜSSE".Replace("SS", "ß", StringComparison.Ordinal)));
        await Expect([2u], SearchQuery.BodyContains("квартальный отчёт"));
        await Expect([2u], SearchQuery.SubjectContains("отчёт"));
        await Expect([3u], SearchQuery.BodyContains("big sale & more"));
        await Expect([], SearchQuery.BodyContains("hidden"));
        await Expect([3u], SearchQuery.MessageContains("newsletter"));
        await Expect([4u], SearchQuery.BccContains("EVE@"));
        await Expect([4u], SearchQuery.ToContains("bob@example").And(SearchQuery.FromContains("dave")));
        await Expect([1u, 2u, 3u], SearchQuery.Not(SearchQuery.BccContains("eve")));
        await Expect([2u, 4u], SearchQuery.Or(SearchQuery.BodyContains("отчёт"), SearchQuery.BodyContains("agenda")));
        await Expect([], SearchQuery.BodyContains("not there"));

        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        await raw.CommandAsync("s", "SELECT INBOX");
        Assert.Equal("* SEARCH 1", (await raw.CommandAsync("a", "UID SEARCH CHARSET US-ASCII BODY gesperrt"))[0]);
        Assert.Equal("* SEARCH 3", (await raw.CommandAsync("b", "SEARCH TEXT \"base64\" BODY sale"))[0]);
    }

    private static MimeMessage Encoded(string subject, string text, TextFormat format, ContentEncoding encoding, string charset)
    {
        var message = ImapUpdatesTests.Message(subject);
        var part = new TextPart(format) { ContentTransferEncoding = encoding };
        part.SetText(charset, text);
        message.Body = part;
        return message;
    }
}
