using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Portal.Protocols.Shared;

namespace Portal.Web.Hosting;

/// <summary>
/// Kestrel ignores <c>--urls</c> once any endpoint is configured in code, and every TCP protocol is. So the portal's
/// own HTTP(S) URLs (<c>urls</c> setting, <c>--urls</c>, <c>ASPNETCORE_URLS</c>, default http://127.0.0.1:5080) are
/// turned into explicit endpoints here, beside the protocol listeners.
/// </summary>
internal static class HttpEndpoints
{
    public static WebApplicationBuilder AddHttpEndpoints(this WebApplicationBuilder builder)
    {
        var urls = builder.Configuration["urls"];
        var list = (string.IsNullOrWhiteSpace(urls) ? PortalHost.DefaultUrl : urls)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Parse).ToList();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var url in list)
            {
                Listen(kestrel, url);
            }
        });
        return builder;
    }

    private static Uri Parse(string url)
    {
        // Kestrel's wildcard hosts are not valid URI hosts.
        var normalized = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        return Uri.TryCreate(normalized, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOperationException($"'{url}' is not an http:// or https:// URL to listen on.");
    }

    private static void Listen(KestrelServerOptions kestrel, Uri url)
    {
        Action<ListenOptions> configure = url.Scheme == "https"
            ? l => l.UseHttps(kestrel.ApplicationServices.GetRequiredService<TlsCertificateProvider>().Certificate)
            : _ => { };
        if (url.IsLoopback && url.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            kestrel.ListenLocalhost(url.Port, configure);
        }
        else if (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address))
        {
            kestrel.Listen(address, url.Port, configure);
        }
        else
        {
            kestrel.ListenAnyIP(url.Port, configure);
        }
    }
}
