using System.Text;
using Microsoft.Playwright;
using Portal.Core.Mail;
using Portal.Core.Tenancy;
using static Portal.Web.Tests.Mail.WebmailReadingCollection;

namespace Portal.Web.Tests.Mail;

/// <summary>The message list: multi-select with bulk actions, drag and drop, undo, delete for good, sorting, conversations.</summary>
[Collection(Name)]
public sealed class MessageListTests(WebmailTests.HostAndBrowser fixture)
{
    [Fact]
    public async Task Shift_click_selects_a_range_and_bulk_actions_reach_imap()
    {
        var mailbox = await fixture.NewMailboxAsync();
        for (var i = 1; i <= 5; i++)
        {
            await fixture.AppendAsync(mailbox, Plain($"M{i}", $"message {i}"));
        }

        var page = await fixture.SignedInPageAsync(mailbox);
        await page.GotoAsync(fixture.Url("/mail"));
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(5);

        // Newest first: M5, M4, M3, M2, M1. A click on M5's box and a shift-click on M3's select three.
        await Check(page, "M5").ClickAsync();
        await Check(page, "M3").ClickAsync(new() { Modifiers = [KeyboardModifier.Shift] });
        await Assertions.Expect(page.GetByTestId("selected-count")).ToHaveTextAsync("3 selected");
        await page.GetByTestId("bulk-flag").ClickAsync();
        await Assertions.Expect(page.GetByTestId("flag-mark")).ToHaveCountAsync(3);
        var flags = await ImapFlagsAsync(fixture, mailbox, "INBOX");
        Assert.All(["M5", "M4", "M3"], s => Assert.True(flags[s].HasFlag(MailKit.MessageFlags.Flagged)));
        Assert.All(["M2", "M1"], s => Assert.False(flags[s].HasFlag(MailKit.MessageFlags.Flagged)));

        // All shown, then mark read.
        await page.GetByTestId("select-all").ClickAsync();
        await Assertions.Expect(page.GetByTestId("selected-count")).ToHaveTextAsync("5 selected");
        await page.GetByTestId("bulk-read").ClickAsync();
        await Assertions.Expect(page.GetByTestId("unread-INBOX")).ToHaveCountAsync(0);
        flags = await ImapFlagsAsync(fixture, mailbox, "INBOX");
        Assert.All(flags.Values, f => Assert.True(f.HasFlag(MailKit.MessageFlags.Seen)));

        // Unread and unflag in bulk too.
        await Check(page, "M1").ClickAsync();
        await Check(page, "M5").ClickAsync();
        await page.GetByTestId("bulk-unread").ClickAsync();
        await Assertions.Expect(page.GetByTestId("unread-INBOX")).ToHaveTextAsync("2");
        await Check(page, "M5").ClickAsync();
        await page.GetByTestId("bulk-unflag").ClickAsync();
        await Assertions.Expect(page.GetByTestId("flag-mark")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task Bulk_moves_and_drag_and_drop_can_be_undone_and_shift_delete_deletes_for_good()
    {
        var mailbox = await fixture.NewMailboxAsync();
        for (var i = 1; i <= 5; i++)
        {
            await fixture.AppendAsync(mailbox, Plain($"M{i}", $"message {i}"));
        }

        var folders = (await fixture.Store.ListFoldersAsync(mailbox.Id)).ToDictionary(f => f.Role);
        var page = await fixture.SignedInPageAsync(mailbox);
        await page.GotoAsync(fixture.Url("/mail"));
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(5);

        // Menu move of two, then undo.
        await Check(page, "M1").ClickAsync();
        await Check(page, "M2").ClickAsync();
        await page.GetByTestId("bulk-move-menu").Locator("button").First.ClickAsync();
        await OpenMenuItem(page, "bulk-move-to-Archive").ClickAsync();
        await Assertions.Expect(page.GetByTestId("undo-bar")).ToContainTextAsync("Moved 2 messages to Archive.");
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(3);
        Assert.Equal(2, (await fixture.Store.ListMessagesAsync(folders[FolderRole.Archive].Id)).Count);
        await page.GetByTestId("undo").ClickAsync();
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(5);
        Assert.Empty(await fixture.Store.ListMessagesAsync(folders[FolderRole.Archive].Id));

        // Drag two selected rows onto Junk; undo puts them back.
        await Check(page, "M4").ClickAsync();
        await Check(page, "M5").ClickAsync();
        await Row(page, "M4").DragToAsync(page.GetByTestId("folder-node-Junk"));
        await Assertions.Expect(page.GetByTestId("undo-bar")).ToContainTextAsync("Moved 2 messages to Junk.");
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(3);
        Assert.Equal(["M4", "M5"], (await fixture.Store.ListMessagesAsync(folders[FolderRole.Junk].Id)).Select(m => m.Subject).Order());
        await page.GetByTestId("undo").ClickAsync();
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(5);

        // Drag one unselected row onto Trash.
        await Row(page, "M3").DragToAsync(page.GetByTestId("folder-node-Trash"));
        await Assertions.Expect(page.GetByTestId("undo-bar")).ToContainTextAsync("Moved to Trash.");
        Assert.Equal("M3", Assert.Single(await fixture.Store.ListMessagesAsync(folders[FolderRole.Trash].Id)).Subject);

        // Shift+Delete deletes for good after a confirmation; cancelling keeps the message.
        await ShortcutsTests.ShortcutsReadyAsync(page);
        await Check(page, "M1").ClickAsync();
        await page.Keyboard.PressAsync("Shift+Delete");
        await DialogButton(page, "Cancel").ClickAsync();
        await Assertions.Expect(Row(page, "M1")).ToBeVisibleAsync();

        // Shortcuts are ignored while a dialog is open, so wait until the cancelled one has gone.
        await Assertions.Expect(page.Locator(".mud-dialog")).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Shift+Delete");
        await DialogButton(page, "Delete").ClickAsync();
        await Assertions.Expect(Row(page, "M1")).ToHaveCountAsync(0);
        var everywhere = new List<string>();
        foreach (var folder in folders.Values)
        {
            everywhere.AddRange((await fixture.Store.ListMessagesAsync(folder.Id)).Select(m => m.Subject));
        }

        Assert.DoesNotContain("M1", everywhere);
        Assert.Equal(4, everywhere.Count);
    }

    [Fact]
    public async Task Sorting_by_size_and_the_conversation_view_order_the_list()
    {
        var mailbox = await fixture.NewMailboxAsync();
        await fixture.AppendAsync(mailbox, Plain("Plan", "short", messageId: "plan@example.test"));
        await fixture.AppendAsync(mailbox, Plain("Other", new string('x', 5000)));
        await fixture.AppendAsync(mailbox, Plain("Re: Plan", new string('y', 2000), inReplyTo: "plan@example.test"));
        var page = await fixture.SignedInPageAsync(mailbox);
        await page.GotoAsync(fixture.Url("/mail"));
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(3);
        Assert.Equal(["Re: Plan", "Other", "Plan"], await SubjectsAsync(page));

        await page.GetByTestId("sort").ClickAsync();
        await OpenMenuItem(page, "Size").ClickAsync();
        await Assertions.Expect(page.GetByTestId("message-row").First).ToHaveAttributeAsync("data-subject", "Other");
        Assert.Equal(["Other", "Re: Plan", "Plan"], await SubjectsAsync(page));

        await page.GetByTestId("thread-toggle").ClickAsync();
        await Assertions.Expect(page.GetByTestId("conversation-size")).ToHaveTextAsync("2");
        Assert.Equal(["Re: Plan", "Plan", "Other"], await SubjectsAsync(page));
        var conversations = await page.GetByTestId("message-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.conversation)");
        Assert.Equal(conversations[0], conversations[1]);
        Assert.NotEqual(conversations[0], conversations[2]);
    }

    private static ILocator Row(IPage page, string subject) => page.Locator($"[data-testid=message-row][data-subject='{subject}']");

    private static ILocator Check(IPage page, string subject) => Row(page, subject).GetByTestId("row-check");

    private static async Task<string[]> SubjectsAsync(IPage page) =>
        await page.GetByTestId("message-row").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.subject)");

    internal static string Plain(string subject, string text, string? messageId = null, string? inReplyTo = null)
    {
        var headers = new StringBuilder()
            .Append("From: Sender <sender@example.test>\r\nTo: reader@example.test\r\n")
            .Append($"Subject: {subject}\r\nMessage-ID: <{messageId ?? $"{Guid.NewGuid():N}@example.test"}>\r\n");
        if (inReplyTo is not null)
        {
            headers.Append($"In-Reply-To: <{inReplyTo}>\r\nReferences: <{inReplyTo}>\r\n");
        }

        return headers.Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n").Append(text).Append("\r\n").ToString();
    }
}
