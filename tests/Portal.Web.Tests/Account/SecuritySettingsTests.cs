using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Security;
using Portal.Testing;

namespace Portal.Web.Tests.Account;

/// <summary>Settings in Chromium: password change, two-factor sign-in with TOTP, app passwords for mail clients.</summary>
public sealed class SecuritySettingsTests(SecuritySettingsTests.HostAndBrowser fixture) : IClassFixture<SecuritySettingsTests.HostAndBrowser>
{
    [Fact]
    public async Task Changing_the_password_takes_effect_at_the_next_sign_in()
    {
        var page = await fixture.SignInAsync("carol@example.test", "Correct-Horse-9");
        await page.GotoAsync(fixture.Url("/settings"));

        await Input(page, "current-password").FillAsync("Correct-Horse-9");
        await Input(page, "new-password").FillAsync("Brand-New-Pass-3");
        await Input(page, "confirm-password").FillAsync("Brand-New-Pass-3");
        await page.GetByTestId("change-password").ClickAsync();
        await Assertions.Expect(page.GetByTestId("password-message")).ToHaveTextAsync("Password changed.");

        var credentials = fixture.Host.Services.GetRequiredService<ICredentialService>();
        Assert.Equal(CredentialOutcome.InvalidCredentials, (await credentials.VerifyAsync("carol@example.test", "Correct-Horse-9", IPAddress.Loopback, "test")).Outcome);
        Assert.Equal(CredentialOutcome.Success, (await credentials.VerifyAsync("carol@example.test", "Brand-New-Pass-3", IPAddress.Loopback, "test")).Outcome);
    }

    [Fact]
    public async Task Two_factor_sign_in_asks_for_a_code_and_mail_clients_need_app_passwords()
    {
        var page = await fixture.SignInAsync("dave@example.test", "Correct-Horse-9");
        await page.GotoAsync(fixture.Url("/settings"));

        await page.GetByTestId("setup-two-factor").ClickAsync();
        await Assertions.Expect(page.GetByTestId("authenticator-qr")).ToBeVisibleAsync();
        var key = await page.GetByTestId("authenticator-key").InnerTextAsync();
        await Input(page, "two-factor-code").FillAsync("000000");
        await page.GetByTestId("enable-two-factor").ClickAsync();
        await Assertions.Expect(page.GetByTestId("two-factor-wrong")).ToBeVisibleAsync();
        await Input(page, "two-factor-code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByTestId("enable-two-factor").ClickAsync();
        var codes = (await page.GetByTestId("recovery-codes").InnerTextAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, codes.Length);
        await page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        await Input(page, "app-password-name").FillAsync("Thunderbird");
        await page.GetByTestId("create-app-password").ClickAsync();
        var appPassword = await page.GetByTestId("new-app-password").InnerTextAsync();
        await Assertions.Expect(page.GetByTestId("app-password")).ToContainTextAsync("Thunderbird");

        var credentials = fixture.Host.Services.GetRequiredService<ICredentialService>();
        Assert.Equal(CredentialOutcome.AppPasswordRequired, (await credentials.VerifyAsync("dave@example.test", "Correct-Horse-9", IPAddress.Loopback, "Imap")).Outcome);
        var viaApp = await credentials.VerifyAsync("dave@example.test", appPassword, IPAddress.Loopback, "Imap");
        Assert.True(viaApp.Succeeded && viaApp.ViaAppPassword);

        // A new browser: password, then the authenticator code (or a recovery code).
        var fresh = await fixture.NewPageAsync();
        await fresh.GotoAsync(fixture.Url("/account/login"));
        await fixture.SubmitPasswordAsync(fresh, "dave@example.test", "Correct-Horse-9");
        await BrowserFixture.WaitForPathAsync(fresh, "/account/two-factor");
        await fresh.GetByLabel("Code from your authenticator app").FillAsync("123456");
        await fresh.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await Assertions.Expect(fresh.GetByTestId("two-factor-error")).ToBeVisibleAsync();
        await fresh.GetByLabel("Or a recovery code").FillAsync(codes[0]);
        await fresh.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();
        await BrowserFixture.WaitForPathAsync(fresh, "/");
        await Assertions.Expect(fresh.GetByTestId("signed-in-user")).ToHaveTextAsync("dave@example.test");
    }

    private static ILocator Input(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    public sealed class HostAndBrowser : HostAndBrowserFixture
    {
        public Task<IPage> SignInAsync(string address, string password) => SignedInPageAsync(address, password);

        public Task SubmitPasswordAsync(IPage page, string address, string password) => BrowserFixture.SubmitSignInAsync(page, address, password);

        protected override async Task SeedAsync()
        {
            await Host.AddUserAsync("carol@example.test", "Correct-Horse-9");
            await Host.AddUserAsync("dave@example.test", "Correct-Horse-9");
        }
    }
}
