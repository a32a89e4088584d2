using Microsoft.Playwright;
using Portal.Core.Mail;
using Portal.Testing;
using static Portal.Web.Tests.Mail.WebmailReadingCollection;

namespace Portal.Web.Tests.Mail;

/// <summary>Keyboard shortcuts, and the page at a phone's width.</summary>
[Collection(Name)]
public sealed class ShortcutsTests(WebmailTests.HostAndBrowser fixture)
{
    [Fact]
    public async Task Keys_move_open_flag_archive_and_delete_but_not_while_typing()
    {
        var mailbox = await fixture.NewMailboxAsync();
        await fixture.AppendAsync(mailbox, MessageListTests.Plain("Alpha", "a"));
        var beta = await fixture.AppendAsync(mailbox, MessageListTests.Plain("Beta", "b"));
        var gamma = await fixture.AppendAsync(mailbox, MessageListTests.Plain("Gamma", "c"));
        var folders = (await fixture.Store.ListFoldersAsync(mailbox.Id)).ToDictionary(f => f.Role);
        var page = await fixture.SignedInPageAsync(mailbox);
        await page.GotoAsync(fixture.Url("/mail"));
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(3);
        var cursor = page.Locator("[data-testid=message-row].cursor");
        await ShortcutsReadyAsync(page);

        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(cursor).ToHaveAttributeAsync("data-subject", "Gamma");
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(cursor).ToHaveAttributeAsync("data-subject", "Beta");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(cursor).ToHaveAttributeAsync("data-subject", "Alpha");
        await page.Keyboard.PressAsync("k");
        await Assertions.Expect(cursor).ToHaveAttributeAsync("data-subject", "Beta");

        // Typing into a field is not a shortcut.
        await page.EvaluateAsync("() => { const i = document.createElement('input'); i.id = 'probe'; document.body.appendChild(i); }");
        await page.Locator("#probe").FocusAsync();
        await page.Keyboard.TypeAsync("jjs");
        await Assertions.Expect(page.Locator("#probe")).ToHaveValueAsync("jjs");
        await Assertions.Expect(cursor).ToHaveAttributeAsync("data-subject", "Beta");
        await page.Locator("#probe").BlurAsync();

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("reading-subject")).ToHaveTextAsync("Beta");
        await page.Keyboard.PressAsync("s");
        await Assertions.Expect(Row(page, "Beta").GetByTestId("flag-mark")).ToBeVisibleAsync();
        Assert.True((await MessageAsync(folders[FolderRole.Inbox], "Beta")).Flags.HasFlag(MessageFlags.Flagged));
        await page.Keyboard.PressAsync("u");
        await Assertions.Expect(page.GetByTestId("unread-INBOX")).ToHaveTextAsync("3");
        Assert.False((await MessageAsync(folders[FolderRole.Inbox], "Beta")).Flags.HasFlag(MessageFlags.Seen));

        await page.GotoAsync(fixture.Url($"/mail/{beta.FolderId}/{beta.MessageId}"));
        await Assertions.Expect(page.GetByTestId("reading-subject")).ToHaveTextAsync("Beta");
        await ShortcutsReadyAsync(page);
        await page.Keyboard.PressAsync("e");

        // The undo bar appears once the store has moved it (a row count of 0 alone can hold before the list rendered).
        await Assertions.Expect(page.GetByTestId("undo-bar")).ToContainTextAsync("Moved to Archive.");
        await Assertions.Expect(Row(page, "Beta")).ToHaveCountAsync(0);
        Assert.Equal("Beta", Assert.Single(await fixture.Store.ListMessagesAsync(folders[FolderRole.Archive].Id)).Subject);

        await page.GotoAsync(fixture.Url($"/mail/{gamma.FolderId}/{gamma.MessageId}"));
        await Assertions.Expect(page.GetByTestId("reading-subject")).ToHaveTextAsync("Gamma");
        await ShortcutsReadyAsync(page);
        await page.Keyboard.PressAsync("Delete");
        await Assertions.Expect(page.GetByTestId("undo-bar")).ToContainTextAsync("Moved to Trash.");
        Assert.Equal("Gamma", Assert.Single(await fixture.Store.ListMessagesAsync(folders[FolderRole.Trash].Id)).Subject);

        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.GetByTestId("shortcuts-help")).ToContainTextAsync("Delete for good");

        await page.GotoAsync(fixture.Url("/mail"));
        await ShortcutsReadyAsync(page);
        await page.Keyboard.PressAsync("c");
        await Assertions.Expect(page).ToHaveURLAsync(fixture.Url("/mail/compose"));
    }

    [Fact]
    public async Task Reply_keys_open_compose_for_the_open_message()
    {
        var mailbox = await fixture.NewMailboxAsync();
        var message = await fixture.AppendAsync(mailbox, MessageListTests.Plain("Question", "?"));
        var page = await fixture.SignedInPageAsync(mailbox);
        foreach (var (key, query) in new[] { ("r", $"reply={message.MessageId}"), ("a", $"reply={message.MessageId}&all=true"), ("f", $"forward={message.MessageId}") })
        {
            await page.GotoAsync(fixture.Url($"/mail/{message.FolderId}/{message.MessageId}"));
            await Assertions.Expect(page.GetByTestId("reading-subject")).ToHaveTextAsync("Question");
            await ShortcutsReadyAsync(page);
            await page.Keyboard.PressAsync(key);
            await Assertions.Expect(page).ToHaveURLAsync(fixture.Url($"/mail/compose?{query}"));
        }
    }

    [Fact]
    public async Task At_360_pixels_nothing_overflows_and_list_and_message_stack()
    {
        var mailbox = await fixture.NewMailboxAsync();
        await fixture.AppendAsync(mailbox, MessageListTests.Plain("A subject long enough to need cutting off on a small phone screen", string.Join(' ', Enumerable.Repeat("word", 200))));
        var context = await fixture.Browser.Browser.NewContextAsync(new() { ViewportSize = new() { Width = 360, Height = 740 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Url("/account/login"));
        await Portal.Testing.BrowserFixture.SubmitSignInAsync(page, mailbox.Address, Password);
        await BrowserFixture.WaitForPathAsync(page, "/");

        await page.GotoAsync(fixture.Url("/mail"));
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "portal-mail-360-list.png"), FullPage = true });
        await AssertNoHorizontalOverflowAsync(page);

        await page.GetByTestId("message-row").Locator("a").ClickAsync();
        await Assertions.Expect(page.GetByTestId("reading-subject")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "portal-mail-360-message.png"), FullPage = true });
        await AssertNoHorizontalOverflowAsync(page);

        // Stacked: the open message is above the list, and both span the width.
        var reader = (await page.Locator(".portal-mail-reader").BoundingBoxAsync())!;
        var list = (await page.Locator(".portal-mail-list").BoundingBoxAsync())!;
        Assert.True(reader.Y < list.Y, $"reader at {reader.Y}, list at {list.Y}");
        Assert.True(list.Width > 300, $"list {list.Width} px wide");
        await Assertions.Expect(page.GetByTestId("back-to-list")).ToBeVisibleAsync();
    }

    private static async Task AssertNoHorizontalOverflowAsync(IPage page)
    {
        var (scroll, client) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => document.documentElement.clientWidth"));
        Assert.True(scroll <= client, $"page is {scroll} px wide in a {client} px viewport");
        var wide = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('.portal-mail *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !e.closest('.mud-drawer')).map(e => e.className || e.tagName).slice(0, 5)");
        Assert.Empty(wide);
    }

    /// <summary>The page listens for keys once its script module has loaded, a moment after the first render.</summary>
    internal static Task ShortcutsReadyAsync(IPage page) =>
        Assertions.Expect(page.Locator("html[data-mail-shortcuts=on]")).ToHaveCountAsync(1);

    private static ILocator Row(IPage page, string subject) => page.Locator($"[data-testid=message-row][data-subject='{subject}']");

    private async Task<Message> MessageAsync(Folder folder, string subject) =>
        (await fixture.Store.ListMessagesAsync(folder.Id)).Single(m => m.Subject == subject);
}
