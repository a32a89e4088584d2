using Microsoft.Playwright;
using MimeKit;
using Portal.Core.Mail;
using Portal.Testing;

namespace Portal.Web.Tests.Mail;

/// <summary>Attachments in the composer: progress while uploading, the limit from settings, nothing half attached.</summary>
public sealed class ComposeAttachmentTests(ComposeHost fixture) : IClassFixture<ComposeHost>
{
    [Fact]
    public async Task Uploads_show_progress_and_files_over_the_limit_are_refused_whole()
    {
        var alice = await fixture.NewMailboxAsync();
        var bob = await fixture.NewMailboxAsync();
        var page = await fixture.SignedInPageAsync(alice);
        await fixture.OpenComposeAsync(page);
        var files = page.Locator("input[type=file]");
        var small = Bytes(ComposeHost.AttachmentLimit - 1000, 3);
        var big = Bytes(ComposeHost.AttachmentLimit + 1, 5);

        // A pick with one file over the limit attaches none of its files.
        await files.SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "fits.bin", MimeType = "application/octet-stream", Buffer = small },
            new FilePayload { Name = "huge.bin", MimeType = "application/octet-stream", Buffer = big },
        });
        await Assertions.Expect(page.GetByTestId("compose-error")).ToContainTextAsync("'huge.bin'");
        await Assertions.Expect(page.GetByTestId("compose-error")).ToContainTextAsync("larger than the limit of 200 KB per file");
        await Assertions.Expect(page.GetByTestId("compose-attachment")).ToHaveCountAsync(0);

        // Record whether the progress bar ever appears while the file is read.
        await page.EvaluateAsync("""
            () => {
                window.progressSeen = false;
                new MutationObserver(() => {
                    if (document.querySelector('[data-testid=compose-upload-progress]')) { window.progressSeen = true; }
                }).observe(document.body, { childList: true, subtree: true });
            }
            """);
        await files.SetInputFilesAsync(new FilePayload { Name = "fits.bin", MimeType = "application/octet-stream", Buffer = small });
        await Assertions.Expect(page.GetByTestId("compose-attachment")).ToContainTextAsync("fits.bin");
        await Assertions.Expect(page.GetByTestId("compose-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("compose-upload-progress")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.progressSeen"));

        await page.GetByTestId("compose-to").FillAsync(bob.Address);
        await page.GetByTestId("compose-subject").FillAsync("With attachment");
        await page.GetByTestId("compose-send").ClickAsync();
        await BrowserFixture.WaitForPathAsync(page, "/mail");

        var received = (await fixture.WaitForMessagesAsync(bob, FolderRole.Inbox, m => m.Count == 1)).Single();
        var attachment = Assert.IsType<MimePart>(received.Attachments.Single());
        Assert.Equal("fits.bin", attachment.FileName);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal(small, content.ToArray());
    }

    private static byte[] Bytes(long length, int seed) => Enumerable.Range(0, (int)length).Select(i => (byte)((i * seed) % 251)).ToArray();
}
