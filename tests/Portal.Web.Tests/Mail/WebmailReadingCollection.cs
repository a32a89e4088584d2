using System.Globalization;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Playwright;
using Portal.Core.Tenancy;

namespace Portal.Web.Tests.Mail;

/// <summary>
/// The webmail reading and acting tests share one host and browser and run one after another: each test takes a
/// fresh mailbox, and on a contended machine a single browser keeps the timings honest.
/// </summary>
[CollectionDefinition(Name)]
public sealed class WebmailReadingCollection : ICollectionFixture<WebmailTests.HostAndBrowser>
{
    public const string Name = "Webmail reading";

    public const string Password = "Correct-Horse-9";

    public static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], textarea[data-testid={testId}], [data-testid={testId}] input, [data-testid={testId}] textarea").First;

    /// <summary>An item of the menu or select list that is open now.</summary>
    public static ILocator OpenMenuItem(IPage page, string testIdOrText) =>
        page.Locator($".mud-popover-open [data-testid='{testIdOrText}'], .mud-popover-open .mud-list-item:has-text('{testIdOrText}')").First;

    public static ILocator DialogButton(IPage page, string name) =>
        page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    /// <summary>The mailbox's folder names as an IMAP client (MailKit) sees them.</summary>
    public static async Task<IReadOnlyList<string>> ImapFolderNamesAsync(WebmailTests.HostAndBrowser fixture, Mailbox mailbox)
    {
        using var client = new ImapClient { Timeout = 15000 };
        var port = int.Parse(fixture.Host.Settings["Portal:Protocols:Imap:Port"]!, CultureInfo.InvariantCulture);
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        await client.AuthenticateAsync(mailbox.Address, Password);
        var folders = await client.GetFoldersAsync(client.PersonalNamespaces[0]);
        await client.DisconnectAsync(true);
        return folders.Select(f => f.FullName).ToList();
    }

    /// <summary>The flags of the messages in a folder as an IMAP client sees them, by subject.</summary>
    public static async Task<IReadOnlyDictionary<string, MessageFlags>> ImapFlagsAsync(WebmailTests.HostAndBrowser fixture, Mailbox mailbox, string folder)
    {
        using var client = new ImapClient { Timeout = 15000 };
        var port = int.Parse(fixture.Host.Settings["Portal:Protocols:Imap:Port"]!, CultureInfo.InvariantCulture);
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        await client.AuthenticateAsync(mailbox.Address, Password);
        var imapFolder = await client.GetFolderAsync(folder);
        await imapFolder.OpenAsync(FolderAccess.ReadOnly);
        var summaries = imapFolder.Count == 0 ? [] : await imapFolder.FetchAsync(0, -1, MessageSummaryItems.Flags | MessageSummaryItems.Envelope);
        await client.DisconnectAsync(true);
        return summaries.ToDictionary(s => s.Envelope?.Subject ?? string.Empty, s => s.Flags ?? MessageFlags.None);
    }
}
