using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Portal.Web.Tests.Mail.WebmailReadingCollection;

namespace Portal.Web.Tests.Mail;

/// <summary>Folders made, renamed, moved and deleted in the browser are what IMAP clients see; refusals are shown.</summary>
[Collection(Name)]
public sealed partial class FolderManagementTests(WebmailTests.HostAndBrowser fixture)
{
    [Fact]
    public async Task Folders_created_renamed_moved_and_deleted_in_the_browser_are_seen_over_imap()
    {
        var mailbox = await fixture.NewMailboxAsync();
        var page = await fixture.SignedInPageAsync(mailbox);
        await page.GotoAsync(fixture.Url("/mail"));

        await page.GetByTestId("new-folder").ClickAsync();
        await Field(page, "folder-name").FillAsync("Projects");
        await page.GetByTestId("folder-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("folder-Projects")).ToBeVisibleAsync();
        Assert.Contains("Projects", await ImapFolderNamesAsync(fixture, mailbox));

        await FolderMenuAsync(page, "Projects", "folder-rename");
        await Field(page, "folder-name").FillAsync("Clients");
        await page.GetByTestId("folder-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("folder-Clients")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("folder-Projects")).ToHaveCountAsync(0);
        var names = await ImapFolderNamesAsync(fixture, mailbox);
        Assert.Contains("Clients", names);
        Assert.DoesNotContain("Projects", names);

        await FolderMenuAsync(page, "Clients", "folder-new-sub");
        await Field(page, "folder-name").FillAsync("Acme");
        await page.GetByTestId("folder-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("folder-Clients/Acme")).ToContainTextAsync("Acme");
        Assert.Contains("Clients/Acme", await ImapFolderNamesAsync(fixture, mailbox));

        // Move (re-parent) Acme to the top level.
        await FolderMenuAsync(page, "Clients/Acme", "folder-move");
        await page.GetByTestId("folder-parent").ClickAsync();
        await OpenMenuItem(page, "(top level)").ClickAsync();
        await page.GetByTestId("folder-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("folder-Acme")).ToBeVisibleAsync();
        names = await ImapFolderNamesAsync(fixture, mailbox);
        Assert.Contains("Acme", names);
        Assert.DoesNotContain("Clients/Acme", names);

        await FolderMenuAsync(page, "Clients", "folder-delete");
        await DialogButton(page, "Delete").ClickAsync();
        await Assertions.Expect(page.GetByTestId("folder-Clients")).ToHaveCountAsync(0);
        Assert.DoesNotContain("Clients", await ImapFolderNamesAsync(fixture, mailbox));
    }

    [Fact]
    public async Task Refused_folder_changes_say_why()
    {
        var mailbox = await fixture.NewMailboxAsync();
        var page = await fixture.SignedInPageAsync(mailbox);
        await page.GotoAsync(fixture.Url("/mail"));
        await fixture.Store.CreateFolderAsync(mailbox.Id, "Work/Old");
        await Assertions.Expect(page.GetByTestId("folder-Work/Old")).ToBeVisibleAsync();

        // Exists.
        await page.GetByTestId("new-folder").ClickAsync();
        await Field(page, "folder-name").FillAsync("Work");
        await page.GetByTestId("folder-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("folder-error")).ToContainTextAsync("Folder 'Work' already exists.");

        // Has children.
        await FolderMenuAsync(page, "Work", "folder-delete");
        await DialogButton(page, "Delete").ClickAsync();
        await Assertions.Expect(page.GetByTestId("folder-error")).ToContainTextAsync("has child folders");
        Assert.Contains("Work", await ImapFolderNamesAsync(fixture, mailbox));

        // INBOX.
        await FolderMenuAsync(page, "INBOX", "folder-delete");
        await DialogButton(page, "Delete").ClickAsync();
        await Assertions.Expect(page.GetByTestId("folder-error")).ToContainTextAsync("INBOX cannot be deleted.");
        await FolderMenuAsync(page, "INBOX", "folder-rename");
        await Field(page, "folder-name").FillAsync("Post");
        await page.GetByTestId("folder-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("folder-error")).ToContainTextAsync("Renaming INBOX is not supported.");

        // A name with the hierarchy delimiter is refused in the dialog, before the store sees it.
        await page.GetByTestId("new-folder").ClickAsync();
        await Field(page, "folder-name").FillAsync("a/b");
        await page.GetByTestId("folder-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("folder-dialog-error")).ToContainTextAsync("cannot contain '/'");
        await DialogButton(page, "Cancel").ClickAsync();
        Assert.DoesNotContain("a/b", await ImapFolderNamesAsync(fixture, mailbox));
        Assert.Contains("INBOX", await ImapFolderNamesAsync(fixture, mailbox));
    }

    [Fact]
    public async Task Special_use_folders_show_their_icons()
    {
        var mailbox = await fixture.NewMailboxAsync();
        var page = await fixture.SignedInPageAsync(mailbox);
        await page.GotoAsync(fixture.Url("/mail"));

        foreach (var (name, icon) in new[] { ("INBOX", MudBlazor.Icons.Material.Filled.Inbox), ("Trash", MudBlazor.Icons.Material.Filled.Delete), ("Sent", MudBlazor.Icons.Material.Filled.Send), ("Junk", MudBlazor.Icons.Material.Filled.Report) })
        {
            var svg = page.GetByTestId($"folder-{name}").Locator("svg").First;
            await Assertions.Expect(svg).ToBeVisibleAsync();
            Assert.Contains(LastPath(icon), await svg.InnerHTMLAsync(), StringComparison.Ordinal);
        }
    }

    private static async Task FolderMenuAsync(IPage page, string folder, string item)
    {
        await page.GetByTestId($"folder-menu-{folder}").Locator("button").First.ClickAsync();
        await OpenMenuItem(page, item).ClickAsync();
    }

    private static string LastPath(string icon) => PathData().Matches(icon)[^1].Groups[1].Value;

    [GeneratedRegex("d=\"([^\"]+)\"")]
    private static partial Regex PathData();
}
