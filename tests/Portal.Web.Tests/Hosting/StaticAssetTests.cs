using System.Net;
using System.Net.Http.Headers;
using Portal.Testing;

namespace Portal.Web.Tests.Hosting;

/// <summary>
/// What a new tab downloads before its circuit starts: package assets come from the build's precompressed files (not
/// re-compressed on each request), and the web root's own files are served beside them.
/// </summary>
public sealed class StaticAssetTests
{
    private static readonly string[] PackageAssets = ["_content/MudBlazor/MudBlazor.min.css", "_content/MudBlazor/MudBlazor.min.js", "_framework/blazor.web.js"];

    private static readonly string[] WebRootFiles = ["portal.css", "mail.js"];

    [Fact]
    public async Task Package_assets_are_sent_as_their_prebuilt_gzip_and_web_root_files_beside_them()
    {
        await using var host = await PortalTestHost.StartAsync();
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        foreach (var path in PackageAssets)
        {
            using var plain = await http.GetAsync(new Uri(path, UriKind.Relative));
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            using var gzip = await http.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, gzip.StatusCode);
            Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
            var plainLength = (await plain.Content.ReadAsByteArrayAsync()).Length;
            var gzipLength = (await gzip.Content.ReadAsByteArrayAsync()).Length;
            Assert.True(gzipLength < plainLength / 2, $"{path}: {gzipLength} bytes gzipped, {plainLength} plain");
        }

        foreach (var path in WebRootFiles)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEmpty(await response.Content.ReadAsByteArrayAsync());
        }
    }
}
