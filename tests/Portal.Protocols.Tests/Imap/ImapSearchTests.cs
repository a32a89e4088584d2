using MailKit;
using MailKit.Search;

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
}
