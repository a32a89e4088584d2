using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Cookie = Microsoft.Playwright.Cookie;

namespace Portal.Benchmarks;

/// <summary>
/// Signs in over plain HTTP (the sign-in form is static, so no circuit is made) and hands the cookie to a fresh
/// Chromium context, so that the benchmark's circuits are only the ones it opens on purpose.
/// </summary>
internal static partial class WebmailSignIn
{
    public static async Task<Cookie> CookieAsync(Uri baseAddress, string address, string password)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler) { BaseAddress = baseAddress };
        var form = await http.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var token = TokenPattern().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["returnUrl"] = "/",
            ["username"] = address,
            ["password"] = password,
        });
        using var response = await http.PostAsync(new Uri("/account/signin", UriKind.Relative), content);
        var auth = cookies.GetCookies(baseAddress)["portal.auth"]
            ?? throw new InvalidOperationException($"sign-in of {address} failed: {(int)response.StatusCode} {response.Headers.Location}");
        return new Cookie
        {
            Name = auth.Name,
            Value = auth.Value,
            Url = baseAddress.ToString(),
        };
    }

    public static async Task<IBrowserContext> ContextAsync(IBrowser browser, Cookie cookie)
    {
        var context = await browser.NewContextAsync();
        await context.AddCookiesAsync([cookie]);
        return context;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
