using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Mail;
using Portal.Core.Tenancy;
using Portal.Testing;

namespace Portal.Web.Tests;

/// <summary>
/// One real host and one Chromium shared by a test class (or collection): the host starts with the class's settings
/// and seed, then the browser; both stop in the reverse order. The browser test classes derive their fixtures from it.
/// </summary>
public abstract class HostAndBrowserFixture : IAsyncLifetime
{
    public PortalTestHost Host { get; private set; } = null!;

    public BrowserFixture Browser { get; } = new();

    public IMessageStore Store => Host.Services.GetRequiredService<IMessageStore>();

    /// <summary>Settings added to the test host's, or none.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    public string Url(string path) => new Uri(Host.BaseAddress, path).ToString();

    public async Task InitializeAsync()
    {
        Host = await PortalTestHost.StartAsync(extra: Settings);
        await SeedAsync();
        await Browser.InitializeAsync();
    }

    /// <summary>
    /// A page in a new browser context (its own cookies). Without options the context has Playwright's default
    /// viewport; note that options with a null <c>ViewportSize</c> ask for no fixed viewport at all.
    /// </summary>
    public async Task<IPage> NewPageAsync(BrowserNewContextOptions? options = null) =>
        await (await Browser.Browser.NewContextAsync(options)).NewPageAsync();

    /// <summary>A page of a new browser context that signed in with the sign-in form and is on the home page.</summary>
    public async Task<IPage> SignedInPageAsync(string address, string password)
    {
        var page = await NewPageAsync();
        await SignInAsync(page, address, password);
        return page;
    }

    /// <summary>Signs <paramref name="page"/> in with the sign-in form and waits for the home page.</summary>
    public async Task SignInAsync(IPage page, string address, string password)
    {
        await page.GotoAsync(Url("/account/login"));
        await BrowserFixture.SubmitSignInAsync(page, address, password);
        await BrowserFixture.WaitForPathAsync(page, "/");
    }

    /// <summary>Adds a user and returns its mailbox.</summary>
    public async Task<Mailbox> AddMailboxAsync(string address, string password)
    {
        await Host.AddUserAsync(address, password);
        await using var scope = Host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IAccountService>().FindMailboxAsync(address))!;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Host.DisposeAsync();
    }

    /// <summary>Runs once the host is up, before the browser starts: users and data the whole class relies on.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;
}
