using System.Globalization;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Portal.Core.Mail;
using Portal.Core.Tenancy;
using Portal.Testing;

namespace Portal.Web.Tests.Mail;

/// <summary>
/// The host and Chromium of the composer's tests, with a small attachment limit and a short autosave delay so that
/// the limits and timers are reached quickly.
/// </summary>
public sealed class ComposeHost : HostAndBrowserFixture
{
    public const long AttachmentLimit = 200 * 1024;
    public const string Password = "Correct-Horse-9";

    private int _mailboxes;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Portal:Mail:MaxAttachmentBytes"] = AttachmentLimit.ToString(CultureInfo.InvariantCulture),
        ["Portal:Mail:DraftAutosaveDelay"] = "00:00:01.500",
    };

    public Task<Mailbox> NewMailboxAsync(string domain = "compose.test", string prefix = "writer") =>
        AddMailboxAsync($"{prefix}{Interlocked.Increment(ref _mailboxes)}@{domain}", Password);

    public async Task<IPage> SignedInPageAsync(Mailbox mailbox, ViewportSize? viewport = null)
    {
        var page = await NewPageAsync(new() { ViewportSize = viewport });
        page.SetDefaultTimeout(20_000);
        await SignInAsync(page, mailbox.Address, Password);
        return page;
    }

    /// <summary>Opens the composer and waits until its editor is attached and ready for typing.</summary>
    public async Task OpenComposeAsync(IPage page, string query = "")
    {
        await page.GotoAsync(Url("/mail/compose" + query));
        await Assertions.Expect(page.GetByTestId("compose-editor")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=compose-editor]').childElementCount > 0");
    }

    public async Task<IReadOnlyList<MimeMessage>> MessagesAsync(Mailbox mailbox, FolderRole role)
    {
        var folder = (await Store.FindFolderAsync(mailbox.Id, role))!;
        var result = new List<MimeMessage>();
        foreach (var message in await Store.ListMessagesAsync(folder.Id))
        {
            await using var raw = await Store.OpenContentAsync(message);
            result.Add(await MimeMessage.LoadAsync(raw));
        }

        return result;
    }

    /// <summary>Polls the store until <paramref name="condition"/> holds for the folder's messages (the server works asynchronously to the browser).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(Mailbox mailbox, FolderRole role, Func<IReadOnlyList<MimeMessage>, bool> condition, int timeoutMs = 15_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var messages = await MessagesAsync(mailbox, role);
            if (condition(messages))
            {
                return messages;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{role} of {mailbox.Address} holds {messages.Count} messages: {string.Join(" | ", messages.Select(m => m.Subject + ": " + m.TextBody))}");
            }

            await Task.Delay(100);
        }
    }

    public async Task<ImapClient> ImapAsync(Mailbox mailbox)
    {
        var client = new ImapClient { Timeout = 15_000 };
        var port = int.Parse(Host.Settings["Portal:Protocols:Imap:Port"]!, CultureInfo.InvariantCulture);
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        await client.AuthenticateAsync(mailbox.Address, Password);
        return client;
    }
}
