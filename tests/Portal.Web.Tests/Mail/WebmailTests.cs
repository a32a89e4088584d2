using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Mail;
using Portal.Core.Tenancy;
using Portal.Testing;

namespace Portal.Web.Tests.Mail;

/// <summary>The webmail in headless Chromium, on the same store that the protocols use.</summary>
public sealed class WebmailTests(WebmailTests.HostAndBrowser fixture) : IClassFixture<WebmailTests.HostAndBrowser>
{
    [Fact]
    public async Task A_delivered_message_is_listed_read_and_marked_seen_in_the_store()
    {
        var mailbox = await fixture.NewMailboxAsync();
        var appended = await fixture.AppendAsync(mailbox, Plain("Quarterly numbers", "Revenue is up.\r\nSee https://example.test/report for details."));
        var page = await fixture.SignedInPageAsync(mailbox);

        await page.GotoAsync(fixture.Url("/mail"));
        var row = page.GetByTestId("message-row").Filter(new() { HasText = "Quarterly numbers" });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("unread-INBOX")).ToHaveTextAsync("1");
        await row.ClickAsync();

        await Assertions.Expect(page.GetByTestId("reading-subject")).ToHaveTextAsync("Quarterly numbers");
        var body = page.FrameLocator("[data-testid=message-frame]").Locator("body");
        await Assertions.Expect(body).ToContainTextAsync("Revenue is up.");
        await Assertions.Expect(body.Locator("a[href='https://example.test/report']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("unread-INBOX")).ToHaveCountAsync(0);
        var stored = (await fixture.Store.ListMessagesAsync(appended.FolderId)).Single();
        Assert.True(stored.Flags.HasFlag(MessageFlags.Seen));
    }

    [Fact]
    public async Task Changes_made_elsewhere_show_up_without_a_reload()
    {
        var mailbox = await fixture.NewMailboxAsync();
        var first = await fixture.AppendAsync(mailbox, Plain("First", "one"));
        var page = await fixture.SignedInPageAsync(mailbox);
        await page.GotoAsync(fixture.Url("/mail"));
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(1);
        var marker = await page.EvaluateAsync<double>("() => window.__portalMarker = Math.random()");

        // A delivery, a flag change and an expunge made through the store (as SMTP and IMAP do).
        var second = await fixture.AppendAsync(mailbox, Plain("Second", "two"));
        await Assertions.Expect(page.GetByTestId("message-row").Filter(new() { HasText = "Second" })).ToBeVisibleAsync(new() { Timeout = 5000 });
        await Assertions.Expect(page.GetByTestId("unread-INBOX")).ToHaveTextAsync("2");
        await fixture.Store.SetFlagsAsync(first.FolderId, [first.Uid], MessageFlags.Flagged, FlagChangeMode.Add);
        await Assertions.Expect(page.GetByTestId("message-row").Filter(new() { HasText = "First" }).GetByTestId("flag-mark")).ToBeVisibleAsync(new() { Timeout = 5000 });
        await fixture.Store.ExpungeAsync(second.FolderId, [second.Uid]);
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(1, new() { Timeout = 5000 });

        Assert.Equal(marker, await page.EvaluateAsync<double>("() => window.__portalMarker"));
    }

    [Fact]
    public async Task Delete_goes_to_trash_with_undo_and_archive_and_empty_trash_work()
    {
        var mailbox = await fixture.NewMailboxAsync();
        var keep = await fixture.AppendAsync(mailbox, Plain("Keep me", "k"));
        var archived = await fixture.AppendAsync(mailbox, Plain("Archive me", "a"));
        var page = await fixture.SignedInPageAsync(mailbox);
        var folders = (await fixture.Store.ListFoldersAsync(mailbox.Id)).ToDictionary(f => f.Role);

        await page.GotoAsync(fixture.Url($"/mail/{keep.FolderId}/{keep.MessageId}"));
        await page.GetByTestId("delete").ClickAsync();
        await Assertions.Expect(page.GetByTestId("undo-bar")).ToContainTextAsync("Moved to Trash.");
        Assert.Single(await fixture.Store.ListMessagesAsync(folders[FolderRole.Trash].Id));
        await page.GetByTestId("undo").ClickAsync();
        await Assertions.Expect(page.GetByTestId("message-row").Filter(new() { HasText = "Keep me" })).ToBeVisibleAsync();
        Assert.Empty(await fixture.Store.ListMessagesAsync(folders[FolderRole.Trash].Id));

        await page.GotoAsync(fixture.Url($"/mail/{archived.FolderId}/{archived.MessageId}"));
        await page.GetByTestId("archive").ClickAsync();

        // The undo bar appears once the store has moved it (a row count of 0 alone can hold before the list rendered).
        await Assertions.Expect(page.GetByTestId("undo-bar")).ToContainTextAsync("Moved to Archive.");
        await Assertions.Expect(page.GetByTestId("message-row").Filter(new() { HasText = "Archive me" })).ToHaveCountAsync(0);
        Assert.Equal("Archive me", Assert.Single(await fixture.Store.ListMessagesAsync(folders[FolderRole.Archive].Id)).Subject);

        var inbox = await fixture.Store.ListMessagesAsync(folders[FolderRole.Inbox].Id);
        await page.GotoAsync(fixture.Url($"/mail/{keep.FolderId}/{inbox.Single().Id}"));
        await page.GetByTestId("delete").ClickAsync();
        await page.GotoAsync(fixture.Url($"/mail/{folders[FolderRole.Trash].Id}"));
        await page.GetByTestId("empty-folder").ClickAsync();
        await Assertions.Expect(page.GetByTestId("message-row")).ToHaveCountAsync(0);
        Assert.Empty(await fixture.Store.ListMessagesAsync(folders[FolderRole.Trash].Id));
    }

    [Fact]
    public async Task Compose_with_an_attachment_reaches_the_local_recipient_and_sent_and_a_reply_threads()
    {
        var alice = await fixture.NewMailboxAsync();
        var bob = await fixture.NewMailboxAsync();
        var content = Enumerable.Range(0, 50_000).Select(i => (byte)(i % 251)).ToArray();
        var page = await fixture.SignedInPageAsync(alice);

        await page.GotoAsync(fixture.Url("/mail/compose"));
        await Field(page, "compose-to").FillAsync($"{bob.Address}, someone@remote.example");
        await Field(page, "compose-subject").FillAsync("Plans for Monday");
        await page.GetByTestId("compose-editor").FillAsync("Hi Bob,\nsee the attached plan.");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "plan.bin", MimeType = "application/octet-stream", Buffer = content });
        await Assertions.Expect(page.GetByTestId("compose-attachment")).ToContainTextAsync("plan.bin");
        await page.GetByTestId("compose-send").ClickAsync();
        await BrowserFixture.WaitForPathAsync(page, "/mail");

        var received = await SingleMessageAsync(bob, FolderRole.Inbox, "Plans for Monday");
        Assert.Equal("Plans for Monday", received.Subject);
        Assert.Equal(content, ((MimeKit.MimePart)received.Attachments.Single()).Content!.Open().ReadAllBytes());
        Assert.Empty(received.Bcc);
        var sent = Assert.Single(await fixture.Store.ListMessagesAsync((await fixture.Store.FindFolderAsync(alice.Id, FolderRole.Sent))!.Id));
        Assert.True(sent.Flags.HasFlag(MessageFlags.Seen));
        var queue = fixture.Host.Services.GetRequiredService<Portal.Core.Delivery.IOutboundQueue>();
        Assert.Contains(await queue.ListAsync(100), q => q.Recipient.Address == "someone@remote.example");

        // Bob replies from the reading pane; the reply threads under Alice's message.
        var bobPage = await fixture.SignedInPageAsync(bob);
        var inbox = (await fixture.Store.FindFolderAsync(bob.Id, FolderRole.Inbox))!;
        var original = Assert.Single(await fixture.Store.ListMessagesAsync(inbox.Id));
        await bobPage.GotoAsync(fixture.Url($"/mail/{inbox.Id}/{original.Id}"));
        await bobPage.GetByTestId("reply").ClickAsync();
        await Assertions.Expect(Field(bobPage, "compose-subject")).ToHaveValueAsync("Re: Plans for Monday");
        await Assertions.Expect(Field(bobPage, "compose-to")).ToHaveValueAsync(alice.Address);
        await bobPage.GetByTestId("compose-editor").FillAsync("Looks good.");
        await bobPage.GetByTestId("compose-send").ClickAsync();
        await BrowserFixture.WaitForPathAsync(bobPage, "/mail");

        // Alice's Inbox may also hold the bounce for the outside address (this machine resolves no outside names).
        var reply = await SingleMessageAsync(alice, FolderRole.Inbox, "Re: Plans for Monday");
        Assert.Equal("Re: Plans for Monday", reply.Subject);
        Assert.Equal(received.MessageId, reply.InReplyTo);
        Assert.True((await fixture.Store.ListMessagesAsync(inbox.Id)).Single().Flags.HasFlag(MessageFlags.Answered));
    }

    [Fact]
    public async Task Sending_as_someone_else_or_to_an_unknown_local_address_is_refused()
    {
        var alice = await fixture.NewMailboxAsync();
        var page = await fixture.SignedInPageAsync(alice);
        await page.GotoAsync(fixture.Url("/mail/compose"));
        await Field(page, "compose-to").FillAsync("nobody-here@example.test");
        await Field(page, "compose-subject").FillAsync("Hello?");
        await page.GetByTestId("compose-send").ClickAsync();

        await Assertions.Expect(page.GetByTestId("compose-error")).ToContainTextAsync("There is no mailbox 'nobody-here@example.test' here.");
        Assert.Empty(await fixture.Store.ListMessagesAsync((await fixture.Store.FindFolderAsync(alice.Id, FolderRole.Sent))!.Id));
    }

    private async Task<MimeKit.MimeMessage> SingleMessageAsync(Mailbox mailbox, FolderRole role, string subject)
    {
        var folder = (await fixture.Store.FindFolderAsync(mailbox.Id, role))!;
        var message = Assert.Single(await fixture.Store.ListMessagesAsync(folder.Id), m => m.Subject == subject);
        await using var raw = await fixture.Store.OpenContentAsync(message);
        return await MimeKit.MimeMessage.LoadAsync(raw);
    }

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    [Fact]
    public async Task A_hostile_html_message_runs_nothing_and_loads_nothing_remote()
    {
        var mailbox = await fixture.NewMailboxAsync();
        var tracker = fixture.Url("/tracking-pixel.gif");
        var html = $"""
            <html><body onload="window.parent.pwned = 'onload'">
            <script>window.parent.pwned = 'script'; window.pwned = 'script';</script>
            <p>Dear customer</p>
            <img src="{tracker}" width="1" height="1">
            <img src="x" onerror="window.parent.pwned = 'onerror'">
            <a href="javascript:window.parent.pwned='link'" id="evil">click</a>
            <form action="{fixture.Url("/steal")}"><input name="password"></form>
            <iframe src="{fixture.Url("/framed")}"></iframe>
            <div style="position:fixed;top:0;left:0;width:100%;height:100%;background:url({tracker})">overlay</div>
            </body></html>
            """;
        await fixture.AppendAsync(mailbox, Html("Account alert", html));
        var page = await fixture.SignedInPageAsync(mailbox);
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        await page.GotoAsync(fixture.Url("/mail"));
        await page.GetByTestId("message-row").Filter(new() { HasText = "Account alert" }).ClickAsync();
        var frame = page.FrameLocator("[data-testid=message-frame]");
        await Assertions.Expect(frame.Locator("body")).ToContainTextAsync("Dear customer");
        await Assertions.Expect(page.GetByTestId("blocked-images")).ToBeVisibleAsync();
        await page.WaitForTimeoutAsync(500);

        Assert.Null(await page.EvaluateAsync<string?>("() => window.pwned ?? null"));
        await Assertions.Expect(frame.Locator("script, form, input, iframe")).ToHaveCountAsync(0);
        Assert.Null(await frame.Locator("a", new() { HasText = "click" }).GetAttributeAsync("href"));
        Assert.DoesNotContain(requests, r => r.Contains("tracking-pixel", StringComparison.Ordinal) || r.Contains("/steal", StringComparison.Ordinal) || r.Contains("/framed", StringComparison.Ordinal));
        var style = await frame.Locator("div").Last.GetAttributeAsync("style") ?? string.Empty;
        Assert.DoesNotContain("fixed", style, StringComparison.Ordinal);
        Assert.DoesNotContain("tracking-pixel", style, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_mailboxs_message_cannot_be_opened_by_changing_the_url()
    {
        var alice = await fixture.NewMailboxAsync();
        var bob = await fixture.NewMailboxAsync();
        var bobs = await fixture.AppendAsync(bob, Plain("Bob's secret", "not for alice"), attachment: ("secret.txt", "top secret"u8.ToArray()));
        var page = await fixture.SignedInPageAsync(alice);

        await page.GotoAsync(fixture.Url($"/mail/{bobs.FolderId}/{bobs.MessageId}"));

        await Assertions.Expect(page.GetByTestId("message-not-found")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("not for alice")).ToHaveCountAsync(0);
        Assert.Equal(404, (await page.APIRequest.GetAsync(fixture.Url($"/mail/download/{bobs.MessageId}/attachment/0"))).Status);
        Assert.Equal(404, (await page.APIRequest.GetAsync(fixture.Url($"/mail/download/{bobs.MessageId}/source"))).Status);
    }

    [Fact]
    public async Task Attachments_download_intact()
    {
        var mailbox = await fixture.NewMailboxAsync();
        var content = Enumerable.Range(0, 70_000).Select(i => (byte)(i * 7)).ToArray();
        var appended = await fixture.AppendAsync(mailbox, Plain("Report attached", "see attachment"), attachment: ("report.bin", content));
        var page = await fixture.SignedInPageAsync(mailbox);
        await page.GotoAsync(fixture.Url($"/mail/{appended.FolderId}/{appended.MessageId}"));
        await Assertions.Expect(page.GetByTestId("attachments")).ToContainTextAsync("report.bin");

        var download = await page.APIRequest.GetAsync(fixture.Url($"/mail/download/{appended.MessageId}/attachment/0"));

        Assert.Equal(200, download.Status);
        Assert.Equal(content, await download.BodyAsync());
        Assert.Contains("report.bin", download.Headers["content-disposition"], StringComparison.Ordinal);
        Assert.Equal("nosniff", download.Headers["x-content-type-options"]);
    }

    private static string Plain(string subject, string text) =>
        $"From: Sender <sender@example.test>\r\nTo: reader@example.test\r\nSubject: {subject}\r\nDate: Fri, 27 Nov 2026 10:00:00 +0000\r\nMessage-ID: <{Guid.NewGuid():N}@example.test>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n";

    private static string Html(string subject, string html) =>
        $"From: Sender <sender@example.test>\r\nTo: reader@example.test\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n";

    public sealed class HostAndBrowser : HostAndBrowserFixture
    {
        private const string Password = "Correct-Horse-9";
        private int _mailboxes;

        public Task<Mailbox> NewMailboxAsync() => AddMailboxAsync($"reader{Interlocked.Increment(ref _mailboxes)}@example.test", Password);

        public async Task<AppendResult> AppendAsync(Mailbox mailbox, string message, (string Name, byte[] Content)? attachment = null)
        {
            var inbox = (await Store.FindFolderAsync(mailbox.Id, FolderRole.Inbox))!;
            var bytes = attachment is { } a ? WithAttachment(message, a.Name, a.Content) : Encoding.UTF8.GetBytes(message);
            return await Store.AppendAsync(inbox.Id, new AppendRequest(new MemoryStream(bytes)));
        }

        public Task<IPage> SignedInPageAsync(Mailbox mailbox) => SignedInPageAsync(mailbox.Address, Password);

        private static byte[] WithAttachment(string plain, string name, byte[] content)
        {
            var headerEnd = plain.IndexOf("Content-Type:", StringComparison.Ordinal);
            var headers = plain[..headerEnd];
            var text = plain[(plain.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
            var base64 = Convert.ToBase64String(content, Base64FormattingOptions.InsertLineBreaks);
            return Encoding.UTF8.GetBytes(
                headers + "Content-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n" +
                "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + text + "\r\n" +
                $"--b1\r\nContent-Type: application/octet-stream; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                base64 + "\r\n--b1--\r\n");
        }
    }
}
