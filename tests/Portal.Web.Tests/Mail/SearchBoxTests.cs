using System.Text;
using Microsoft.Playwright;
using Portal.Core.Mail;
using static Portal.Web.Tests.Mail.WebmailReadingCollection;

namespace Portal.Web.Tests.Mail;

/// <summary>The search box: server-side search over from/to/subject/body through the same index as IMAP SEARCH.</summary>
[Collection(Name)]
public sealed class SearchBoxTests(WebmailTests.HostAndBrowser fixture)
{
    [Fact]
    public async Task Searches_the_folder_or_all_folders_by_body_subject_and_sender()
    {
        var mailbox = await fixture.NewMailboxAsync();
        await fixture.AppendAsync(mailbox, MessageListTests.Plain("Lunch", "The quarterly Budget review moved to Friday."));
        await fixture.AppendAsync(mailbox, MessageListTests.Plain("Budget draft", "see attached"));
        await fixture.AppendAsync(mailbox, MessageListTests.Plain("Holiday", "nothing to see here"));
        var archive = (await fixture.Store.FindFolderAsync(mailbox.Id, FolderRole.Archive))!;
        await fixture.Store.AppendAsync(archive.Id, new AppendRequest(new MemoryStream(Encoding.UTF8.GetBytes(
            MessageListTests.Plain("Old news", "last year's budget, quoted-printable free")))));

        var page = await fixture.SignedInPageAsync(mailbox);
        await page.GotoAsync(fixture.Url("/mail"));
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(3);

        // Body and subject, case-insensitive, in this folder only.
        await page.GetByTestId("search").FillAsync("budget");
        await page.GetByTestId("search").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(2);
        Assert.Equal(["Budget draft", "Lunch"], (await SubjectsAsync(page)).Order().ToArray());
        await Assertions.Expect(page.GetByTestId("list-count")).ToHaveTextAsync("Search (2)");

        // All folders finds the archived one too, and its row opens in its own folder.
        await page.GetByTestId("search-scope").SelectOptionAsync("all");
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(3);
        await page.Locator("[data-testid=message-row][data-subject='Old news'] a").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reading-subject")).ToHaveTextAsync("Old news");

        // Nothing matches: an empty list, not an error.
        await page.GetByTestId("search").FillAsync("zebra crossing");
        await page.GetByTestId("search").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("list-count")).ToHaveTextAsync("Search (0)");
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(0);

        // Clearing the search shows the folder again.
        await page.GetByTestId("search-clear").ClickAsync();
        await Assertions.Expect(page.GetByTestId("search-clear")).ToHaveCountAsync(0);
        Assert.DoesNotContain("Search", await page.GetByTestId("list-count").InnerTextAsync());
    }

    [Fact]
    public async Task Another_mailboxs_mail_is_never_found()
    {
        var other = await fixture.NewMailboxAsync();
        await fixture.AppendAsync(other, MessageListTests.Plain("Secret merger", "codeword pelican"));
        var mailbox = await fixture.NewMailboxAsync();
        await fixture.AppendAsync(mailbox, MessageListTests.Plain("Hello", "nothing here"));

        var page = await fixture.SignedInPageAsync(mailbox);
        await page.GotoAsync(fixture.Url("/mail"));
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(1);
        await page.GetByTestId("search-scope").SelectOptionAsync("all");
        await page.GetByTestId("search").FillAsync("pelican");
        await page.GetByTestId("search").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("list-count")).ToHaveTextAsync("Search (0)");
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(0);
    }

    private static async Task<string[]> SubjectsAsync(IPage page) =>
        await page.GetByTestId("message-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.subject)");
}
