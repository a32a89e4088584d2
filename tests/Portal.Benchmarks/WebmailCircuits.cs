using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Mail;
using Portal.Testing;

namespace Portal.Benchmarks;

/// <summary>
/// Server memory per idle signed-in circuit: N users (each with a small Inbox) sign in over HTTP, N Chromium
/// contexts wait on about:blank, then each opens /mail and its list is shown; after an idle pause the server's managed
/// heap and RSS (after full GCs) are compared with before. The Playwright client's objects for N pages live in this
/// process too and are counted; Chromium itself is other processes and is not.
/// </summary>
internal static class WebmailCircuits
{
    private const string Password = "Correct-Horse-9";

    public static async Task<(double HeapPerCircuit, double RssPerCircuit)> MeasureAsync(PortalTestHost host, IBrowser browser, int circuits)
    {
        var store = host.Services.GetRequiredService<IMessageStore>();
        var start = new DateTime(2025, 1, 1, 8, 0, 0, DateTimeKind.Utc);
        var pages = new List<IPage>();
        for (var u = 0; u < circuits; u++)
        {
            var address = string.Create(CultureInfo.InvariantCulture, $"user{u}@circuits.test");
            await host.AddUserAsync(address, Password);
            var (_, inbox) = await WebmailBenchmark.InboxAsync(host, address);
            await WebmailBenchmark.AppendAsync(store, inbox, 60, i => BenchMail.Message(u * 1000 + i, start.AddHours(i)), i => start.AddHours(i));
            var context = await WebmailSignIn.ContextAsync(browser, await WebmailSignIn.CookieAsync(host.BaseAddress, address, Password));
            pages.Add(await context.NewPageAsync());
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
        var before = ImapIdleBenchmark.Measure();
        foreach (var page in pages)
        {
            await page.GotoAsync(new Uri(host.BaseAddress, "mail").ToString());
            await Assertions.Expect(page.GetByTestId("message-row").First).ToBeVisibleAsync();
        }

        // Idle: nothing happens on the circuits for a while, as for a user reading elsewhere.
        await Task.Delay(TimeSpan.FromSeconds(20));
        var after = ImapIdleBenchmark.Measure();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"circuits: {circuits}; heap {before.Heap / 1048576.0:F1} -> {after.Heap / 1048576.0:F1} MB, RSS {before.Rss / 1048576.0:F1} -> {after.Rss / 1048576.0:F1} MB"));
        foreach (var page in pages)
        {
            await page.Context.CloseAsync();
        }

        return ((after.Heap - before.Heap) / (double)circuits, (after.Rss - before.Rss) / (double)circuits);
    }
}
