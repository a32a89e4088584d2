using System.Diagnostics;
using System.Globalization;
using Portal.Testing;

namespace Portal.Protocols.Tests.Imap;

/// <summary>
/// Limits that are options, on a host of their own: the inactivity timeout (30 minutes by default, 2 s here) and the
/// sign-in throttle, which IMAP and POP3 share through the one credential service.
/// </summary>
public sealed class ImapLimitsTests : IAsyncLifetime
{
    private PortalTestHost _host = null!;

    public async Task InitializeAsync() => _host = await PortalTestHost.StartAsync(extra: new Dictionary<string, string?>
    {
        ["Portal:Imap:IdleTimeout"] = "00:00:02",
        ["Portal:Security:MaxFailedAttemptsPerAddress"] = "2",
    });

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_silent_connection_is_told_bye_and_closed_after_the_idle_timeout()
    {
        await using var raw = await RawImapClient.ConnectAsync(Port("Imap"));
        var silent = Stopwatch.StartNew();

        Assert.Equal("* BYE Idle for too long.", await raw.ReadLineAsync());
        Assert.InRange(silent.Elapsed, TimeSpan.FromSeconds(1.9), TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<IOException>(raw.ReadLineAsync);
    }

    [Fact]
    public async Task Failed_imap_logins_throttle_the_address_for_imap_and_pop3_alike()
    {
        await _host.AddUserAsync("limits@example.test", ImapHostFixture.Password);
        await using var imap = await RawImapClient.ConnectAsync(Port("Imap"));
        Assert.StartsWith("a NO [AUTHENTICATIONFAILED]", (await imap.CommandAsync("a", "LOGIN limits@example.test wrong-1"))[^1], StringComparison.Ordinal);
        Assert.StartsWith("b NO [AUTHENTICATIONFAILED]", (await imap.CommandAsync("b", "LOGIN limits@example.test wrong-2"))[^1], StringComparison.Ordinal);

        // Now even the right password is refused, as temporarily unavailable, over IMAP and over POP3.
        Assert.StartsWith("c NO [UNAVAILABLE]", (await imap.CommandAsync("c", $"LOGIN limits@example.test {ImapHostFixture.Password}"))[^1], StringComparison.Ordinal);
        await using var pop3 = await RawImapClient.ConnectAsync(Port("Pop3"));
        await pop3.SendAsync("USER limits@example.test\r\n");
        Assert.StartsWith("+OK", await pop3.ReadLineAsync(), StringComparison.Ordinal);
        await pop3.SendAsync($"PASS {ImapHostFixture.Password}\r\n");
        Assert.StartsWith("-ERR [SYS/TEMP]", await pop3.ReadLineAsync(), StringComparison.Ordinal);
    }

    private int Port(string listener) => int.Parse(_host.Settings[$"Portal:Protocols:{listener}:Port"]!, CultureInfo.InvariantCulture);
}
