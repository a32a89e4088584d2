using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Mail.Reading;
using static Portal.Web.Tests.Mail.WebmailReadingCollection;

namespace Portal.Web.Tests.Mail;

/// <summary>The reading pane: remote images per sender, attachment previews, and the print view.</summary>
[Collection(Name)]
public sealed class ReadingPaneTests(WebmailTests.HostAndBrowser fixture)
{
    // A 1x1 PNG and the smallest PDF Chromium opens.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    [Fact]
    public async Task Remote_images_allowed_for_a_sender_stay_allowed_for_that_mailbox_only()
    {
        var alice = await fixture.NewMailboxAsync();
        var bob = await fixture.NewMailboxAsync();
        var image = fixture.Url("/remote-image.png");
        var first = await fixture.AppendAsync(alice, Html("news@example.test", "Issue 1", $"<p>One</p><img src=\"{image}?1\">"));
        var second = await fixture.AppendAsync(alice, Html("News Team <NEWS@example.test>", "Issue 2", $"<p>Two</p><img src=\"{image}?2\">"));
        var other = await fixture.AppendAsync(alice, Html("someone@example.test", "Other", $"<p>Three</p><img src=\"{image}?3\">"));
        await fixture.AppendAsync(bob, Html("news@example.test", "Issue 1", $"<p>One</p><img src=\"{image}?4\">"));
        var page = await fixture.SignedInPageAsync(alice);

        await page.GotoAsync(fixture.Url($"/mail/{first.FolderId}/{first.MessageId}"));
        await Assertions.Expect(page.GetByTestId("blocked-images")).ToBeVisibleAsync();
        await page.GetByTestId("always-show-images").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sender-images-allowed")).ToBeVisibleAsync();
        await Assertions.Expect(page.FrameLocator("[data-testid=message-frame]").Locator($"img[src='{image}?1']")).ToHaveCountAsync(1);

        // The same sender (any case, any display name) again: shown at once; another sender still blocked.
        await page.GotoAsync(fixture.Url($"/mail/{second.FolderId}/{second.MessageId}"));
        await Assertions.Expect(page.GetByTestId("sender-images-allowed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("blocked-images")).ToHaveCountAsync(0);
        await Assertions.Expect(page.FrameLocator("[data-testid=message-frame]").Locator($"img[src='{image}?2']")).ToHaveCountAsync(1);
        await page.GotoAsync(fixture.Url($"/mail/{other.FolderId}/{other.MessageId}"));
        await Assertions.Expect(page.GetByTestId("blocked-images")).ToBeVisibleAsync();

        var senders = fixture.Host.Services.GetRequiredService<IRemoteImageSenders>();
        Assert.True(await senders.IsAllowedAsync(alice.Id, "news@example.test"));
        Assert.False(await senders.IsAllowedAsync(bob.Id, "news@example.test"));
    }

    [Fact]
    public async Task Image_and_pdf_attachments_preview_inline_under_a_restrictive_policy()
    {
        var alice = await fixture.NewMailboxAsync();
        var bob = await fixture.NewMailboxAsync();
        var appended = await fixture.AppendAsync(alice, WithParts("Scans", ("dot.png", "image/png", Png), ("form.pdf", "application/pdf", Pdf), ("data.bin", "application/octet-stream", [1, 2, 3])));
        var page = await fixture.SignedInPageAsync(alice);
        await page.GotoAsync(fixture.Url($"/mail/{appended.FolderId}/{appended.MessageId}"));
        await Assertions.Expect(page.GetByTestId("attachment")).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByTestId("preview-attachment")).ToHaveCountAsync(2);

        await page.GetByTestId("preview-attachment").First.ClickAsync();
        var img = page.GetByTestId("preview-image");
        await Assertions.Expect(img).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=preview-image]').naturalWidth === 1");
        await page.GetByTestId("close-preview").ClickAsync();
        await page.GetByTestId("preview-attachment").Nth(1).ClickAsync();
        await Assertions.Expect(page.GetByTestId("preview-pdf")).ToHaveAttributeAsync("src", $"mail/download/{appended.MessageId}/attachment/1?inline=1");

        var png = await page.APIRequest.GetAsync(fixture.Url($"/mail/download/{appended.MessageId}/attachment/0?inline=1"));
        Assert.Equal("image/png", png.Headers["content-type"]);
        Assert.StartsWith("sandbox", png.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal(Png, await png.BodyAsync());
        var pdf = await page.APIRequest.GetAsync(fixture.Url($"/mail/download/{appended.MessageId}/attachment/1?inline=1"));
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        Assert.Contains("default-src 'none'", pdf.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'self'", pdf.Headers["content-security-policy"], StringComparison.Ordinal);
        Assert.Equal("inline", pdf.Headers["content-disposition"]);
        Assert.Equal("nosniff", pdf.Headers["x-content-type-options"]);

        // Anything else stays a download even when asked inline, and another mailbox gets nothing.
        var bin = await page.APIRequest.GetAsync(fixture.Url($"/mail/download/{appended.MessageId}/attachment/2?inline=1"));
        Assert.Equal("application/octet-stream", bin.Headers["content-type"]);
        Assert.Contains("attachment", bin.Headers["content-disposition"], StringComparison.Ordinal);
        var bobPage = await fixture.SignedInPageAsync(bob);
        Assert.Equal(404, (await bobPage.APIRequest.GetAsync(fixture.Url($"/mail/download/{appended.MessageId}/attachment/0?inline=1"))).Status);
        Assert.Equal(404, (await bobPage.APIRequest.GetAsync(fixture.Url($"/mail/print/{appended.MessageId}"))).Status);
    }

    [Fact]
    public async Task The_print_view_shows_the_message_opens_the_print_dialog_and_runs_nothing_from_the_mail()
    {
        var mailbox = await fixture.NewMailboxAsync();
        var appended = await fixture.AppendAsync(mailbox, Html("boss@example.test", "Board minutes", "<p>Minutes of the board</p><script>window.pwned = 1</script><img src=\"x\" onerror=\"window.pwned = 2\">"));
        var page = await fixture.SignedInPageAsync(mailbox);
        await page.Context.AddInitScriptAsync("window.print = () => { window.printed = true; };");
        await page.GotoAsync(fixture.Url($"/mail/{appended.FolderId}/{appended.MessageId}"));
        await Assertions.Expect(page.GetByTestId("print")).ToHaveAttributeAsync("href", $"mail/print/{appended.MessageId}");

        var response = await page.GotoAsync(fixture.Url($"/mail/print/{appended.MessageId}"));
        Assert.NotNull(response);
        Assert.StartsWith("sandbox allow-scripts allow-modals;", (await response.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        await Assertions.Expect(page.GetByTestId("print-subject")).ToHaveTextAsync("Board minutes");
        await Assertions.Expect(page.GetByTestId("print-body")).ToContainTextAsync("Minutes of the board");
        await Assertions.Expect(page.Locator("text=boss@example.test")).ToHaveCountAsync(1);
        await page.WaitForFunctionAsync("() => window.printed === true");
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));
    }

    private static string Html(string from, string subject, string html) =>
        $"From: {from}\r\nTo: reader@example.test\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}\r\n";

    private static string WithParts(string subject, params (string Name, string Type, byte[] Content)[] parts)
    {
        var text = new StringBuilder($"From: sender@example.test\r\nTo: reader@example.test\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n")
            .Append("--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nsee attached\r\n");
        foreach (var (name, type, content) in parts)
        {
            text.Append($"--b1\r\nContent-Type: {type}; name=\"{name}\"\r\nContent-Disposition: attachment; filename=\"{name}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n")
                .Append(Convert.ToBase64String(content, Base64FormattingOptions.InsertLineBreaks)).Append("\r\n");
        }

        return text.Append("--b1--\r\n").ToString();
    }
}
