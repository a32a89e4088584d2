using System.Text;
using Portal.Testing;

namespace Portal.Protocols.Tests.Smtp;

/// <summary>AUTH failures are 535 until the address is throttled; then even the right password gets 454 4.7.0.</summary>
public sealed class SmtpAuthThrottleTests
{
    [Fact]
    public async Task Failures_get_535_then_the_address_is_throttled()
    {
        await using var host = await PortalTestHost.StartAsync(extra: new Dictionary<string, string?>
        {
            ["Portal:Security:MaxFailedAttemptsPerAddress"] = "2",
        });
        await host.AddUserAsync("throttled@example.test", SmtpHostFixture.Password);
        var port = int.Parse(host.Settings["Portal:Protocols:Smtps:Port"]!, System.Globalization.CultureInfo.InvariantCulture);

        await using var tls = await TlsSmtpClient.ConnectAsync(port);
        await tls.CommandAsync("EHLO client.test");
        Assert.StartsWith("535 5.7.8", await tls.CommandAsync("AUTH PLAIN " + Plain("throttled@example.test", "wrong-1")), StringComparison.Ordinal);
        Assert.StartsWith("535 5.7.8", await tls.CommandAsync("AUTH PLAIN " + Plain("throttled@example.test", "wrong-2")), StringComparison.Ordinal);
        Assert.StartsWith("454 4.7.0", await tls.CommandAsync("AUTH PLAIN " + Plain("throttled@example.test", SmtpHostFixture.Password)), StringComparison.Ordinal);
    }

    private static string Plain(string user, string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{user}\0{password}"));
}
