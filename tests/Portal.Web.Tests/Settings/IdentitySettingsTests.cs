using Microsoft.Playwright;
using Portal.Core.Mail;
using Portal.Testing;
using Portal.Web.Tests.Mail;

namespace Portal.Web.Tests.Settings;

/// <summary>Display name and signature set in Settings, then used by the composer and seen by the recipient.</summary>
public sealed class IdentitySettingsTests(ComposeHost fixture) : IClassFixture<ComposeHost>
{
    [Fact]
    public async Task Display_name_goes_in_from_and_the_signature_into_new_mail_and_replies_above_the_quote()
    {
        var alice = await fixture.NewMailboxAsync();
        var bob = await fixture.NewMailboxAsync();
        var page = await fixture.SignedInPageAsync(alice);
        await page.GotoAsync(fixture.Url("/settings"));

        await page.GetByTestId("identity-display-name").FillAsync("Alice Example");
        await page.GetByTestId("identity-signature").FillAsync("<b>Alice</b> from Sales<img src=x onerror=\"window.ran=1\">");
        await page.GetByLabel("The signature is HTML").CheckAsync();
        await page.GetByTestId("identity-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("identity-message")).ToHaveTextAsync("Saved.");
        await Assertions.Expect(page.GetByTestId("identity-signature-preview").Locator("b")).ToHaveTextAsync("Alice");
        await Assertions.Expect(page.GetByTestId("identity-signature")).ToHaveValueAsync("<b>Alice</b> from Sales");

        // A bad value is refused with the reason and changes nothing.
        await page.GetByTestId("identity-signature").FillAsync(new string('x', 10_001));
        await page.GetByTestId("identity-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("identity-message")).ToContainTextAsync("longer than 10,000 characters");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("identity-signature")).ToHaveValueAsync("<b>Alice</b> from Sales");

        await fixture.OpenComposeAsync(page);
        await Assertions.Expect(page.GetByTestId("compose-from")).ToContainTextAsync("Alice Example");
        await Assertions.Expect(page.GetByTestId("compose-editor").Locator("b")).ToHaveTextAsync("Alice");
        await page.GetByTestId("compose-to").FillAsync(bob.Address);
        await page.GetByTestId("compose-subject").FillAsync("Signed");
        await page.GetByTestId("compose-editor").Locator("div").First.ClickAsync();
        await page.Keyboard.TypeAsync("Hello Bob");
        await page.GetByTestId("compose-send").ClickAsync();
        await BrowserFixture.WaitForPathAsync(page, "/mail");

        var received = (await fixture.WaitForMessagesAsync(bob, FolderRole.Inbox, m => m.Count == 1)).Single();
        Assert.Equal("Alice Example", received.From.Mailboxes.Single().Name);
        Assert.Equal(alice.Address, received.From.Mailboxes.Single().Address);
        Assert.Contains("Hello Bob\n-- \nAlice from Sales", received.TextBody!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains("<b>Alice</b>", received.HtmlBody, StringComparison.Ordinal);

        // In a reply the signature sits above the quoted original.
        var inbox = (await fixture.Store.FindFolderAsync(alice.Id, FolderRole.Inbox))!;
        var bobPage = await fixture.SignedInPageAsync(bob);
        await fixture.OpenComposeAsync(bobPage);
        await bobPage.GetByTestId("compose-to").FillAsync(alice.Address);
        await bobPage.GetByTestId("compose-subject").FillAsync("Question for Alice");
        await bobPage.GetByTestId("compose-send").ClickAsync();
        await BrowserFixture.WaitForPathAsync(bobPage, "/mail");
        await fixture.WaitForMessagesAsync(alice, FolderRole.Inbox, m => m.Count == 1);
        var question = (await fixture.Store.ListMessagesAsync(inbox.Id)).Single();
        await fixture.OpenComposeAsync(page, $"?reply={question.Id}");
        var html = await page.GetByTestId("compose-editor").InnerHTMLAsync();
        Assert.True(html.IndexOf("<b>Alice</b>", StringComparison.Ordinal) < html.IndexOf("<blockquote>", StringComparison.Ordinal), html);
    }
}
