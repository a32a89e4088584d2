using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Tenancy;
using Portal.Testing;

namespace Portal.Web.Tests.Account;

/// <summary>The portal in headless Chromium: accounts made with the admin command line sign in (or do not).</summary>
public sealed class SignInTests(SignInTests.HostAndBrowser fixture) : IClassFixture<SignInTests.HostAndBrowser>
{
    private const string UserPassword = "Correct-Horse-9";

    [Fact]
    public async Task A_user_made_with_the_command_line_signs_in_and_sees_the_shell()
    {
        await using var context = await fixture.Browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync(fixture.Url("/mail"));
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
        await SignInAsync(page, "alice@example.test", UserPassword);

        await BrowserFixture.WaitForPathAsync(page, "/mail");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync("alice@example.test");
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        foreach (var area in new[] { "Mail", "Calendar", "Contacts", "Tasks", "Notes", "Settings" })
        {
            await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = area, Exact = true })).ToBeVisibleAsync();
        }

        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Admin" })).ToHaveCountAsync(0);

        // The shell is live (interactive circuit): the mailbox's folders come from the store.
        await Assertions.Expect(page.GetByTestId("folder-tree")).ToContainTextAsync("INBOX");
        await Assertions.Expect(page.GetByTestId("folder-tree")).ToContainTextAsync("Sent");
        await nav.GetByRole(AriaRole.Link, new() { Name = "Calendar", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("collection-list")).ToContainTextAsync("Calendar");
        Assert.EndsWith("/calendar", page.Url, StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await BrowserFixture.WaitForPathAsync(page, "/account/login");
        await page.GotoAsync(fixture.Url("/"));
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_gets_a_clear_message_and_no_session()
    {
        await using var context = await fixture.Browser.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Url("/account/login"));

        await SignInAsync(page, "alice@example.test", "not-the-password");

        await Assertions.Expect(page.GetByTestId("signin-error")).ToHaveTextAsync("Wrong email address or password.");
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "portal.auth");
        await page.GotoAsync(fixture.Url("/settings"));
        Assert.Contains("/account/login", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_system_admin_sees_admin_and_the_jobs_dashboard_and_a_user_does_not()
    {
        await using var admin = await fixture.Browser.Browser.NewContextAsync();
        var page = await admin.NewPageAsync();
        await page.GotoAsync(fixture.Url("/account/login"));
        await SignInAsync(page, "root@example.test", "Root-Password-1");
        await BrowserFixture.WaitForPathAsync(page, "/");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Admin" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("domain-table")).ToContainTextAsync("example.test");
        await Assertions.Expect(page.GetByTestId("dkim-record").First).ToContainTextAsync("._domainkey.example.test TXT");
        await Assertions.Expect(page.GetByTestId("dkim-record").First).ToContainTextAsync("v=DKIM1; k=rsa; p=");
        var jobs = await page.GotoAsync(fixture.Url("/admin/jobs"));
        Assert.Equal(200, jobs!.Status);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Recurring");

        await using var user = await fixture.Browser.Browser.NewContextAsync();
        var userPage = await user.NewPageAsync();
        await userPage.GotoAsync(fixture.Url("/account/login"));
        await SignInAsync(userPage, "alice@example.test", UserPassword);
        await BrowserFixture.WaitForPathAsync(userPage, "/");
        // Same cookies as the page, without the browser's own error page for an empty 403.
        var refused = await userPage.APIRequest.GetAsync(fixture.Url("/admin/jobs"));
        Assert.True(refused.Status is 401 or 403, $"status {refused.Status}");
        var anonymous = await fixture.Browser.Browser.NewContextAsync();
        await using (anonymous)
        {
            Assert.True((await anonymous.APIRequest.GetAsync(fixture.Url("/admin/jobs"))).Status is 401 or 403);
        }
        await userPage.GotoAsync(fixture.Url("/admin"));
        await Assertions.Expect(userPage.GetByTestId("domain-table")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_system_admin_sees_the_outbound_queue_and_deletes_an_entry()
    {
        var blobs = fixture.Host.Services.GetRequiredService<Portal.Core.Storage.IBlobStore>();
        var queue = fixture.Host.Services.GetRequiredService<Portal.Core.Delivery.IOutboundQueue>();
        var blob = await blobs.PutAsync(new MemoryStream("Subject: queued\r\n\r\nbody\r\n"u8.ToArray()));
        await queue.EnqueueAsync(blob.Id, "root@example.test", [new Portal.Core.Delivery.OutboundRecipientRequest("stuck@far-away.test"), new Portal.Core.Delivery.OutboundRecipientRequest("other@far-away.test")]);

        await using var admin = await fixture.Browser.Browser.NewContextAsync();
        var page = await admin.NewPageAsync();
        await page.GotoAsync(fixture.Url("/account/login?returnUrl=%2Fadmin%2Fqueue"));
        await SignInAsync(page, "root@example.test", "Root-Password-1");
        await BrowserFixture.WaitForPathAsync(page, "/admin/queue");
        var rows = page.GetByTestId("queue-table").Locator("tbody tr");
        await Assertions.Expect(rows.Filter(new() { HasText = "stuck@far-away.test" })).ToHaveCountAsync(1);
        await rows.Filter(new() { HasText = "stuck@far-away.test" }).GetByTestId("queue-delete").ClickAsync();

        await Assertions.Expect(rows.Filter(new() { HasText = "stuck@far-away.test" })).ToHaveCountAsync(0);
        await Assertions.Expect(rows.Filter(new() { HasText = "other@far-away.test" })).ToHaveCountAsync(1);
        var left = await queue.ListAsync(100);
        Assert.DoesNotContain(left, q => q.Recipient.Address == "stuck@far-away.test");
        Assert.Contains(left, q => q.Recipient.Address == "other@far-away.test");
    }

    [Fact]
    public async Task An_admin_turns_pop3_leave_on_server_off_for_a_mailbox()
    {
        await using var admin = await fixture.Browser.Browser.NewContextAsync();
        var page = await admin.NewPageAsync();
        await page.GotoAsync(fixture.Url("/account/login"));
        await SignInAsync(page, "root@example.test", "Root-Password-1");
        await BrowserFixture.WaitForPathAsync(page, "/");
        await page.GotoAsync(fixture.Url("/admin"));

        var toggle = page.GetByRole(AriaRole.Switch, new() { Name = "POP3 leaves mail on the server for alice@example.test" });
        await Assertions.Expect(toggle).ToBeCheckedAsync();
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).Not.ToBeCheckedAsync();

        // The setting is in the store, where the POP3 server reads it at PASS.
        await using var scope = fixture.Host.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<IAccountService>();
        for (var i = 0; i < 50 && (await accounts.FindMailboxAsync("alice@example.test"))!.Pop3LeaveOnServer; i++)
        {
            await Task.Delay(100);
        }

        Assert.False((await accounts.FindMailboxAsync("alice@example.test"))!.Pop3LeaveOnServer);
        await toggle.ClickAsync();
        await Assertions.Expect(toggle).ToBeCheckedAsync();
    }

    private static Task SignInAsync(IPage page, string address, string password) => BrowserFixture.SubmitSignInAsync(page, address, password);

    public sealed class HostAndBrowser : HostAndBrowserFixture
    {
        // The outbound drainer is off so that queued rows stay as the queue page test left them.
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Portal:Outbound:Enabled"] = "false" };

        protected override async Task SeedAsync()
        {
            await Host.AddUserAsync("alice@example.test", UserPassword);
            await Host.AddUserAsync("root@example.test", "Root-Password-1", PortalRoles.SystemAdmin);
        }
    }
}
