using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Portal.Core.Delivery.Rules;
using Portal.Core.Mail;
using Portal.Core.Tenancy;
using Portal.Testing;

namespace Portal.Web.Tests.Settings;

/// <summary>Delivery rules in Chromium: a filter saved on the Settings page is applied to the next message that arrives by SMTP.</summary>
public sealed class DeliverySettingsTests(DeliverySettingsTests.HostAndBrowser fixture) : IClassFixture<DeliverySettingsTests.HostAndBrowser>
{
    private const string Password = "Correct-Horse-9";

    [Fact]
    public async Task A_filter_saved_in_settings_files_the_next_delivered_message()
    {
        const string address = "erin@example.test";
        await fixture.Host.AddUserAsync(address, Password);
        var page = await (await fixture.Browser.Browser.NewContextAsync()).NewPageAsync();
        await page.GotoAsync(fixture.Url("/account/login"));
        await BrowserFixture.SubmitSignInAsync(page, address, Password);
        await BrowserFixture.WaitForPathAsync(page, "/");
        await page.GotoAsync(fixture.Url("/settings"));

        await page.GetByTestId("add-rule").ClickAsync();
        await Input(page, "rule-contains-0").FillAsync("quarterly");
        await Assertions.Expect(page.GetByTestId("filter-rule")).ToHaveCountAsync(1);
        await page.GetByTestId("save-delivery").ClickAsync();
        await Assertions.Expect(page.GetByTestId("delivery-message")).ToHaveTextAsync("Saved.");

        var mailbox = await FindAsync(address);
        var saved = await fixture.Host.Services.GetRequiredService<IMailboxRulesStore>().GetAsync(mailbox.Id);
        var rule = Assert.Single(saved.Filters);
        Assert.Equal((FilterField.Subject, "quarterly", FilterAction.Move, "Archive"), (rule.Field, rule.Contains, rule.Action, rule.Folder));

        await SendAsync(address, "Quarterly report");
        await SendAsync(address, "Lunch");

        var store = fixture.Host.Services.GetRequiredService<IMessageStore>();
        var archive = await store.FindFolderAsync(mailbox.Id, FolderRole.Archive);
        var inbox = await store.FindFolderAsync(mailbox.Id, FolderRole.Inbox);
        Assert.Equal("Quarterly report", Assert.Single(await store.ListMessagesAsync(archive!.Id)).Subject);
        Assert.Equal("Lunch", Assert.Single(await store.ListMessagesAsync(inbox!.Id)).Subject);
    }

    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    private async Task<Mailbox> FindAsync(string address)
    {
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IAccountService>().FindMailboxAsync(address))!;
    }

    private async Task SendAsync(string to, string subject)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("sender@outside.test"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "Hello\r\n" };
        using var client = new SmtpClient { Timeout = 15000 };
        var port = int.Parse(fixture.Host.Settings["Portal:Protocols:Smtp:Port"]!, System.Globalization.CultureInfo.InvariantCulture);
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    public sealed class HostAndBrowser : HostAndBrowserFixture
    {
        // No DNS on test machines: the SPF/DKIM checks of the MX are cut short.
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:Smtp:AuthenticationTimeout"] = "00:00:00.010" };
    }
}
