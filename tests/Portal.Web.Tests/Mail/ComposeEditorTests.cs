using Microsoft.Playwright;
using MimeKit;
using Portal.Core.Mail;
using Portal.Testing;

namespace Portal.Web.Tests.Mail;

/// <summary>The composer's rich-text editor and plain-text mode in Chromium, checked on what the recipient receives.</summary>
public sealed class ComposeEditorTests(ComposeHost fixture) : IClassFixture<ComposeHost>
{
    [Fact]
    public async Task Formatted_text_arrives_as_text_and_html_with_bold_kept_and_injected_script_removed()
    {
        var alice = await fixture.NewMailboxAsync();
        var bob = await fixture.NewMailboxAsync();
        var page = await fixture.SignedInPageAsync(alice);
        await fixture.OpenComposeAsync(page);

        await page.GetByTestId("compose-to").FillAsync(bob.Address);
        await page.GetByTestId("compose-subject").FillAsync("Formatted");
        var editor = page.GetByTestId("compose-editor");
        await editor.ClickAsync();
        await page.GetByTestId("editor-bold").ClickAsync();
        await page.Keyboard.TypeAsync("Important");
        await page.GetByTestId("editor-bold").ClickAsync();
        await page.Keyboard.TypeAsync(" and plain.");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByTestId("editor-bullets").ClickAsync();
        await page.Keyboard.TypeAsync("first point");
        await Assertions.Expect(editor.Locator("b")).ToHaveTextAsync("Important");

        // Whatever reaches the editor (pasted, or planted by a script) is sanitized on the server before sending.
        await editor.EvaluateAsync("""
            e => {
                e.insertAdjacentHTML('beforeend', '<div>tail<img src="data:," onerror="window.ran = 1"><script>window.ran = 2</script><a href="javascript:alert(1)">js link</a></div>');
                e.dispatchEvent(new Event('input', { bubbles: true }));
            }
            """);
        await page.GetByTestId("compose-send").ClickAsync();
        await BrowserFixture.WaitForPathAsync(page, "/mail");

        var received = (await fixture.WaitForMessagesAsync(bob, FolderRole.Inbox, m => m.Count == 1)).Single();
        var alternative = Assert.IsType<MultipartAlternative>(received.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Contains("<b>Important</b>", received.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<li>first point</li>", received.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Important and plain.", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("- first point", received.TextBody, StringComparison.Ordinal);
        Assert.Contains("tail", received.HtmlBody, StringComparison.Ordinal);
        foreach (var bad in new[] { "<script", "onerror", "javascript:", "<img", "window.ran" })
        {
            Assert.DoesNotContain(bad, received.HtmlBody, StringComparison.OrdinalIgnoreCase);
        }

        var sent = (await fixture.MessagesAsync(alice, FolderRole.Sent)).Single();
        Assert.DoesNotContain("onerror", sent.HtmlBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Plain_text_mode_converts_the_html_and_sends_a_single_text_part()
    {
        var alice = await fixture.NewMailboxAsync();
        var bob = await fixture.NewMailboxAsync();
        var page = await fixture.SignedInPageAsync(alice);
        await fixture.OpenComposeAsync(page);
        await page.GetByTestId("compose-to").FillAsync(bob.Address);
        await page.GetByTestId("compose-subject").FillAsync("Plain one");
        await page.GetByTestId("compose-editor").ClickAsync();
        await page.GetByTestId("editor-numbers").ClickAsync();
        await page.Keyboard.TypeAsync("alpha");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("beta");

        await page.GetByLabel("Plain text").CheckAsync();
        var body = page.Locator("textarea[data-testid=compose-body]");
        await Assertions.Expect(body).ToHaveValueAsync("1. alpha\n2. beta");
        await Assertions.Expect(page.GetByTestId("compose-editor")).ToBeHiddenAsync();
        await body.FillAsync("1. alpha\n2. beta\n<b>not bold</b>");

        // Back to rich text and again to plain: the text survives the round trip, escaped, not interpreted.
        await page.GetByLabel("Plain text").UncheckAsync();
        await Assertions.Expect(page.GetByTestId("compose-editor")).ToContainTextAsync("<b>not bold</b>");
        await page.GetByLabel("Plain text").CheckAsync();
        await Assertions.Expect(body).ToHaveValueAsync("1. alpha\n2. beta\n<b>not bold</b>");
        await page.GetByTestId("compose-send").ClickAsync();
        await BrowserFixture.WaitForPathAsync(page, "/mail");

        var received = (await fixture.WaitForMessagesAsync(bob, FolderRole.Inbox, m => m.Count == 1)).Single();
        var part = Assert.IsType<TextPart>(received.Body);
        Assert.True(part.IsPlain);
        Assert.Equal("1. alpha\n2. beta\n<b>not bold</b>", part.Text.ReplaceLineEndings("\n").TrimEnd());
    }

    [Fact]
    public async Task A_reply_quotes_the_original_in_the_editor_and_threads()
    {
        var alice = await fixture.NewMailboxAsync();
        var bob = await fixture.NewMailboxAsync();
        var page = await fixture.SignedInPageAsync(alice);
        await fixture.OpenComposeAsync(page);
        await page.GetByTestId("compose-to").FillAsync(bob.Address);
        await page.GetByTestId("compose-subject").FillAsync("Question");
        await page.GetByTestId("compose-editor").ClickAsync();
        await page.Keyboard.TypeAsync("Are we meeting on Friday?");
        await page.GetByTestId("compose-send").ClickAsync();
        await BrowserFixture.WaitForPathAsync(page, "/mail");
        var original = (await fixture.WaitForMessagesAsync(bob, FolderRole.Inbox, m => m.Count == 1)).Single();
        var inbox = (await fixture.Store.FindFolderAsync(bob.Id, FolderRole.Inbox))!;
        var stored = (await fixture.Store.ListMessagesAsync(inbox.Id)).Single();

        var bobPage = await fixture.SignedInPageAsync(bob);
        await fixture.OpenComposeAsync(bobPage, $"?reply={stored.Id}");
        await Assertions.Expect(bobPage.GetByTestId("compose-subject")).ToHaveValueAsync("Re: Question");
        var quote = bobPage.GetByTestId("compose-editor").Locator("blockquote");
        await Assertions.Expect(quote).ToContainTextAsync("Are we meeting on Friday?");
        await bobPage.GetByTestId("compose-editor").Locator("div").First.ClickAsync();
        await bobPage.Keyboard.TypeAsync("Yes, at ten.");
        await bobPage.GetByTestId("compose-send").ClickAsync();
        await BrowserFixture.WaitForPathAsync(bobPage, "/mail");

        var reply = (await fixture.WaitForMessagesAsync(alice, FolderRole.Inbox, m => m.Count == 1)).Single();
        Assert.Equal(original.MessageId, reply.InReplyTo);
        Assert.Contains("> Are we meeting on Friday?", reply.TextBody, StringComparison.Ordinal);
        Assert.True(reply.TextBody!.IndexOf("Yes, at ten.", StringComparison.Ordinal) < reply.TextBody!.IndexOf("> Are we", StringComparison.Ordinal));
        Assert.Contains("<blockquote>", reply.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_composer_fits_a_360_pixel_phone_screen()
    {
        var alice = await fixture.NewMailboxAsync();
        var page = await fixture.SignedInPageAsync(alice, new ViewportSize { Width = 360, Height = 740 });
        await fixture.OpenComposeAsync(page);

        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 360, $"the page is {scrollWidth} px wide");
        foreach (var id in new[] { "compose-to", "compose-subject", "compose-editor", "editor-clear", "compose-send", "compose-discard" })
        {
            var box = await page.GetByTestId(id).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 360, $"{id} spans {box.X}..{box.X + box.Width}");
        }
    }
}
