using System.Text.RegularExpressions;
using MailKit;
using Microsoft.Playwright;
using MimeKit;
using Portal.Core.Mail;
using Portal.Testing;

namespace Portal.Web.Tests.Mail;

/// <summary>Drafts saved while writing: one copy per compose session, visible over IMAP, resumable, removed on send.</summary>
public sealed class ComposeDraftTests(ComposeHost fixture) : IClassFixture<ComposeHost>
{
    [Fact]
    public async Task Drafts_are_saved_while_writing_replace_each_other_resume_and_go_on_send()
    {
        var alice = await fixture.NewMailboxAsync();
        var bob = await fixture.NewMailboxAsync();
        var page = await fixture.SignedInPageAsync(alice);
        await fixture.OpenComposeAsync(page);

        // Opening the composer stores nothing; the first edits are saved after the quiet time.
        await page.GetByTestId("compose-to").FillAsync(bob.Address);
        await page.GetByTestId("compose-subject").FillAsync("Work in progress");
        await page.GetByTestId("compose-editor").ClickAsync();
        await page.Keyboard.TypeAsync("first version");
        await Assertions.Expect(page.GetByTestId("compose-draft-status")).ToBeVisibleAsync();
        var first = (await fixture.WaitForMessagesAsync(alice, FolderRole.Drafts, m => m.Count == 1 && m[0].TextBody!.Contains("first version", StringComparison.Ordinal))).Single();
        Assert.Equal(bob.Address, first.To.Mailboxes.Single().Address);

        using (var imap = await fixture.ImapAsync(alice))
        {
            var drafts = imap.GetFolder(SpecialFolder.Drafts)!;
            await drafts.OpenAsync(FolderAccess.ReadOnly);
            Assert.Equal(1, drafts.Count);
            var summary = (await drafts.FetchAsync(0, -1, MessageSummaryItems.Envelope | MessageSummaryItems.Flags)).Single();
            Assert.Equal("Work in progress", summary.Envelope!.Subject);
            Assert.True(summary.Flags!.Value.HasFlag(MailKit.MessageFlags.Draft));
            await imap.DisconnectAsync(true);
        }

        // More typing replaces the draft instead of adding a copy.
        await page.Keyboard.TypeAsync(", second version");
        await fixture.WaitForMessagesAsync(alice, FolderRole.Drafts, m => m.Count == 1 && m[0].TextBody!.Contains("second version", StringComparison.Ordinal));

        // Leaving the page (before the quiet time is over) saves what was typed last.
        await page.Keyboard.TypeAsync(", third version");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mail", Exact = true }).First.ClickAsync();
        await BrowserFixture.WaitForUrlAsync(page, new Regex("^(?!.*compose)[a-z]+://[^/]+/mail"));
        await fixture.WaitForMessagesAsync(alice, FolderRole.Drafts, m => m.Count == 1 && m[0].TextBody!.Contains("third version", StringComparison.Ordinal));

        // Opening the draft from Drafts resumes it; sending delivers it and removes the draft.
        var draftsFolder = (await fixture.Store.FindFolderAsync(alice.Id, FolderRole.Drafts))!;
        var stored = (await fixture.Store.ListMessagesAsync(draftsFolder.Id)).Single();
        await page.GotoAsync(fixture.Url($"/mail/{draftsFolder.Id}/{stored.Id}"));
        await page.GetByTestId("edit-draft").ClickAsync();
        await Assertions.Expect(page.GetByTestId("compose-subject")).ToHaveValueAsync("Work in progress");
        await Assertions.Expect(page.GetByTestId("compose-to")).ToHaveValueAsync(bob.Address);
        var editor = page.GetByTestId("compose-editor");
        await Assertions.Expect(editor).ToContainTextAsync("first version, second version, third version");
        await editor.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.TypeAsync(". Done.");
        await page.GetByTestId("compose-send").ClickAsync();
        await BrowserFixture.WaitForPathAsync(page, "/mail");

        var received = (await fixture.WaitForMessagesAsync(bob, FolderRole.Inbox, m => m.Count == 1)).Single();
        Assert.Contains("third version. Done.", received.TextBody, StringComparison.Ordinal);
        Assert.Empty(await fixture.Store.ListMessagesAsync(draftsFolder.Id));
    }

    [Fact]
    public async Task Discard_removes_the_draft_and_an_untouched_composer_saves_none()
    {
        var alice = await fixture.NewMailboxAsync();
        var page = await fixture.SignedInPageAsync(alice);
        await fixture.OpenComposeAsync(page);
        await page.GetByTestId("compose-subject").FillAsync("Never mind");
        await Assertions.Expect(page.GetByTestId("compose-draft-status")).ToBeVisibleAsync();
        await fixture.WaitForMessagesAsync(alice, FolderRole.Drafts, m => m.Count == 1);

        await page.GetByTestId("compose-discard").ClickAsync();
        await BrowserFixture.WaitForPathAsync(page, "/mail");
        await fixture.WaitForMessagesAsync(alice, FolderRole.Drafts, m => m.Count == 0);

        await fixture.OpenComposeAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Mail", Exact = true }).First.ClickAsync();
        await BrowserFixture.WaitForUrlAsync(page, new Regex("^(?!.*compose)"));
        await fixture.OpenComposeAsync(page);
        Assert.Empty(await fixture.MessagesAsync(alice, FolderRole.Drafts));
    }

    [Fact]
    public async Task A_draft_clicked_in_the_Drafts_list_opens_in_the_composer_saves_over_itself_and_goes_to_Sent_when_sent()
    {
        var alice = await fixture.NewMailboxAsync();
        var bob = await fixture.NewMailboxAsync();
        var drafts = (await fixture.Store.FindFolderAsync(alice.Id, FolderRole.Drafts))!;

        // A draft written elsewhere (an IMAP client's APPEND with \Draft).
        var written = new MimeMessage { Subject = "Plan for Monday" };
        written.From.Add(MailboxAddress.Parse(alice.Address));
        written.To.Add(MailboxAddress.Parse(bob.Address));
        written.Body = new BodyBuilder { HtmlBody = "<p>Written on the phone</p>" }.ToMessageBody();
        using (var content = new MemoryStream())
        {
            await written.WriteToAsync(content);
            content.Position = 0;
            await fixture.Store.AppendAsync(drafts.Id, new Core.Mail.AppendRequest(content, Core.Mail.MessageFlags.Draft | Core.Mail.MessageFlags.Seen));
        }

        var page = await fixture.SignedInPageAsync(alice);
        await page.GotoAsync(fixture.Url($"/mail/{drafts.Id}"));
        await page.Locator("[data-testid=message-row][data-subject='Plan for Monday'] a").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/mail/compose\\?draft="));
        await Assertions.Expect(page.GetByTestId("compose-subject")).ToHaveValueAsync("Plan for Monday");
        await Assertions.Expect(page.GetByTestId("compose-to")).ToHaveValueAsync(bob.Address);
        var editor = page.GetByTestId("compose-editor");
        await Assertions.Expect(editor).ToContainTextAsync("Written on the phone");

        // Saving replaces the draft it was opened from.
        await editor.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.TypeAsync(", finished at the desk");
        await page.GetByTestId("compose-save-draft").ClickAsync();
        await fixture.WaitForMessagesAsync(alice, FolderRole.Drafts, m => m.Count == 1 && m[0].TextBody?.Contains("finished at the desk", StringComparison.Ordinal) == true);

        // Sending empties Drafts and files the copy in Sent.
        await page.GetByTestId("compose-send").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/mail$"));
        var received = (await fixture.WaitForMessagesAsync(bob, FolderRole.Inbox, m => m.Count == 1)).Single();
        Assert.Contains("Written on the phone, finished at the desk", received.TextBody, StringComparison.Ordinal);
        var sent = (await fixture.WaitForMessagesAsync(alice, FolderRole.Sent, m => m.Count == 1)).Single();
        Assert.Equal("Plan for Monday", sent.Subject);
        await fixture.WaitForMessagesAsync(alice, FolderRole.Drafts, m => m.Count == 0);
    }
}
