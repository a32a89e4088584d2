using Microsoft.Playwright;
using Xunit;

namespace Portal.Testing;

/// <summary>
/// Debian's Chromium (/usr/bin/chromium), headless, driven by Playwright; no browser download. tests/run.sh installs
/// Chromium; its absence fails the browser tests with that hint.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>
    /// For <c>WaitForURLAsync</c> after a click that posts a form or follows a link: the navigation counts once the
    /// new document is committed. Waiting for "load" as well flaked on a busy machine (Blazor's scripts and the
    /// circuit's WebSocket keep the page busy); the assertions that follow wait for what they need on the page.
    /// </summary>
    public static PageWaitForURLOptions Committed { get; } = new() { WaitUntil = WaitUntilState.Commit, Timeout = 45_000 };

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing; run tests/run.sh, which installs Debian's chromium.");
        }

        _playwright = await Playwright.CreateAsync().ConfigureAwait(false);
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        }).ConfigureAwait(false);
    }

    /// <summary>Fills and submits the portal's sign-in form on a page already showing it.</summary>
    public static async Task SubmitSignInAsync(IPage page, string address, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GetByLabel("Email address").FillAsync(address).ConfigureAwait(false);
        await page.GetByLabel("Password").FillAsync(password).ConfigureAwait(false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync().ConfigureAwait(false);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync().ConfigureAwait(false);
        }

        _playwright?.Dispose();
    }
}
