using System.Text.RegularExpressions;
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

    /// <summary>How long a click that posts a form or follows a link may take to land on its page.</summary>
    public const float NavigationTimeout = 45_000;

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

    /// <summary>
    /// Waits until <paramref name="page"/> shows <paramref name="path"/> (any query or fragment), after a click that
    /// posts a form or follows a link. See <see cref="WaitForUrlAsync"/>.
    /// </summary>
    public static Task WaitForPathAsync(IPage page, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return WaitForUrlAsync(page, new Regex($"^[a-z]+://[^/]+{Regex.Escape(path)}(?:[?#].*)?$"));
    }

    /// <summary>
    /// Waits until the address of <paramref name="page"/> matches <paramref name="url"/>, after a click that posts a
    /// form or follows a link. The navigation counts once its document is committed; the assertions that follow wait
    /// for what they need on the page. Playwright's server polls the address, so no event can be missed on the way.
    /// Not <c>WaitForURLAsync</c>: when the address already matches (a click that submits a form returns once the
    /// navigation commits) Microsoft.Playwright 1.64 ignores <c>WaitUntil = Commit</c> and waits for the load event,
    /// checking for it before subscribing to it, so a load that lands in between is lost (playwright-dotnet #3365,
    /// #3364): the two-factor sign-in test hung there for 45 s on pages that had loaded.
    /// A timeout says where the page was and what it showed.
    /// </summary>
    public static async Task WaitForUrlAsync(IPage page, Regex url)
    {
        ArgumentNullException.ThrowIfNull(page);
        try
        {
            await Assertions.Expect(page).ToHaveURLAsync(url, new() { Timeout = NavigationTimeout }).ConfigureAwait(false);
        }
        catch (PlaywrightException e)
        {
            throw new TimeoutException($"The page did not reach {url} within {NavigationTimeout / 1000} s. It is at {page.Url} and shows:\n{await ShownTextAsync(page).ConfigureAwait(false)}", e);
        }
    }

    private static async Task<string> ShownTextAsync(IPage page)
    {
        try
        {
            var text = await page.Locator("body").InnerTextAsync(new() { Timeout = 2_000 }).ConfigureAwait(false);
            return text.Length <= 2_000 ? text : text[..2_000] + "...";
        }
        catch (PlaywrightException e)
        {
            return $"(its text could not be read: {e.Message})";
        }
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
