using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Devices;
using Portal.Core.Security;
using Portal.Testing;

namespace Portal.Protocols.Tests.Imap;

public sealed class ImapSessionTests(ImapHostFixture fixture) : IClassFixture<ImapHostFixture>
{
    [Fact]
    public async Task Login_succeeds_with_the_password_and_fails_without()
    {
        var address = await fixture.NewUserAsync();
        using var client = await fixture.ConnectAsync(address);
        Assert.True(client.IsAuthenticated);
        Assert.True(client.Capabilities.HasFlag(ImapCapabilities.UidPlus));
        Assert.True(client.Capabilities.HasFlag(ImapCapabilities.Idle));

        using var bad = new ImapClient();
        await bad.ConnectAsync("127.0.0.1", fixture.Port, SecureSocketOptions.None);
        await Assert.ThrowsAsync<AuthenticationException>(() => bad.AuthenticateAsync(address, "wrong-password"));
    }

    [Fact]
    public async Task Login_command_and_id_work_and_refuse_wrong_passwords_with_a_code()
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        var id = await raw.CommandAsync("i", "ID (\"name\" \"RawTest\" \"version\" \"1\")");
        Assert.Contains(id, l => l.StartsWith("* ID (", StringComparison.Ordinal));
        var refused = await raw.CommandAsync("a", $"LOGIN {address} nope");
        Assert.StartsWith("a NO [AUTHENTICATIONFAILED]", refused[^1], StringComparison.Ordinal);
        var ok = await raw.CommandAsync("b", $"LOGIN \"{address}\" {ImapHostFixture.Password}");
        Assert.StartsWith("b OK [CAPABILITY IMAP4rev1", ok[^1], StringComparison.Ordinal);
        var ns = await raw.CommandAsync("c", "NAMESPACE");
        Assert.Equal("* NAMESPACE ((\"\" \"/\")) NIL NIL", ns[0]);
        var enabled = await raw.CommandAsync("d", "ENABLE CONDSTORE UTF8=ACCEPT");
        Assert.Equal("* ENABLED CONDSTORE UTF8=ACCEPT", enabled[0]);

        // The client named in ID is on the Connectivity page.
        var devices = fixture.Host.Services.GetRequiredService<IDeviceRegistry>();
        await devices.FlushAsync();
        var mailbox = await fixture.Host.Services.GetRequiredService<ICredentialService>().VerifyAsync(address, ImapHostFixture.Password, null, "test");
        var device = Assert.Single(await devices.ListAsync(mailbox.MailboxId!.Value), d => d.Protocol == DeviceProtocol.Imap);
        Assert.Equal("RawTest 1", device.ClientName);
    }

    [Fact]
    public async Task Store_unchangedsince_reports_modified_messages()
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        await raw.AppendAsync("INBOX", "Subject: a\r\n\r\na\r\n"u8.ToArray());
        await raw.AppendAsync("INBOX", "Subject: b\r\n\r\nb\r\n"u8.ToArray());
        await raw.CommandAsync("s", "SELECT INBOX (CONDSTORE)");
        var fetched = await raw.CommandAsync("f", "FETCH 1:2 (MODSEQ)");
        var first = long.Parse(System.Text.RegularExpressions.Regex.Match(fetched[0], "MODSEQ \\((\\d+)\\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var store = await raw.CommandAsync("t", $"STORE 1:2 (UNCHANGEDSINCE {first}) +FLAGS.SILENT (\\Flagged)");
        Assert.Matches("^\\* 1 FETCH \\(MODSEQ \\(\\d+\\)\\)$", store[0]);
        Assert.Equal("t OK [MODIFIED 2] Conditional STORE failed for some messages.", store[^1]);
        var changed = await raw.CommandAsync("c", $"FETCH 1:2 (FLAGS) (CHANGEDSINCE {first})");
        // Message 1 changed now, message 2 was appended after the MODSEQ given: both are reported.
        Assert.Equal(3, changed.Count);
        Assert.Contains("FLAGS (\\Flagged)", changed[0], StringComparison.Ordinal);
        Assert.Contains("MODSEQ", changed[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_shows_the_six_default_folders_with_special_use()
    {
        var address = await fixture.NewUserAsync();
        using var client = await fixture.ConnectAsync(address);
        var folders = await client.GetFoldersAsync(client.PersonalNamespaces[0]);
        Assert.Equal(["Archive", "Drafts", "INBOX", "Junk", "Sent", "Trash"], folders.Select(f => f.FullName).Order(StringComparer.Ordinal));
        Assert.True(folders.Single(f => f.FullName == "Sent").Attributes.HasFlag(FolderAttributes.Sent));
        Assert.True(folders.Single(f => f.FullName == "Drafts").Attributes.HasFlag(FolderAttributes.Drafts));
        Assert.True(folders.Single(f => f.FullName == "Trash").Attributes.HasFlag(FolderAttributes.Trash));
        Assert.True(folders.Single(f => f.FullName == "Junk").Attributes.HasFlag(FolderAttributes.Junk));
        Assert.True(folders.Single(f => f.FullName == "Archive").Attributes.HasFlag(FolderAttributes.Archive));
        Assert.True(folders.All(f => f.Attributes.HasFlag(FolderAttributes.HasNoChildren)));
        Assert.Equal("Sent", client.GetFolder(SpecialFolder.Sent)!.FullName);

        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        await raw.LoginAsync(address);
        var percent = await raw.CommandAsync("p", "LIST \"\" %");
        Assert.Equal(7, percent.Count);
        var root = await raw.CommandAsync("r", "LIST \"\" \"\"");
        Assert.Equal("* LIST (\\Noselect) \"/\" \"\"", root[0]);
        var lsub = await raw.CommandAsync("s", "LSUB \"\" *");
        Assert.Equal(7, lsub.Count);
    }

    [Fact]
    public async Task Select_and_status_report_counts()
    {
        var address = await fixture.NewUserAsync();
        await using (var raw = await RawImapClient.ConnectAsync(fixture.Port))
        {
            await raw.LoginAsync(address);
            Assert.StartsWith("ap OK [APPENDUID ", await raw.AppendAsync("INBOX", "Subject: one\r\n\r\nx\r\n"u8.ToArray()), StringComparison.Ordinal);
            Assert.StartsWith("ap OK", await raw.AppendAsync("INBOX", "Subject: two\r\n\r\ny\r\n"u8.ToArray(), "(\\Seen) "), StringComparison.Ordinal);
            var status = await raw.CommandAsync("s", "STATUS INBOX (MESSAGES UIDNEXT UIDVALIDITY UNSEEN HIGHESTMODSEQ)");
            Assert.Matches("^\\* STATUS \"INBOX\" \\(MESSAGES 2 UIDNEXT 3 UIDVALIDITY \\d+ UNSEEN 1 HIGHESTMODSEQ \\d+\\)$", status[0]);
            var select = await raw.CommandAsync("x", "SELECT INBOX");
            Assert.Contains("* 2 EXISTS", select);
            Assert.Contains("* 0 RECENT", select);
            Assert.Contains(select, l => l.StartsWith("* OK [UIDNEXT 3]", StringComparison.Ordinal));
            Assert.Contains(select, l => l.StartsWith("* OK [UNSEEN 1]", StringComparison.Ordinal));
            Assert.Contains(select, l => l.StartsWith("* OK [HIGHESTMODSEQ ", StringComparison.Ordinal));
            Assert.StartsWith("x OK [READ-WRITE]", select[^1], StringComparison.Ordinal);
            Assert.StartsWith("e OK [READ-ONLY]", (await raw.CommandAsync("e", "EXAMINE INBOX"))[^1], StringComparison.Ordinal);
            Assert.StartsWith("u OK", (await raw.CommandAsync("u", "UNSELECT"))[^1], StringComparison.Ordinal);
            Assert.StartsWith("f BAD", (await raw.CommandAsync("f", "FETCH 1 FLAGS"))[^1], StringComparison.Ordinal);
        }

        using var client = await fixture.ConnectAsync(address);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(2, client.Inbox.Count);
        Assert.Equal(3u, client.Inbox.UidNext!.Value.Id);
    }

    [Fact]
    public async Task Starttls_upgrades_and_then_authenticates()
    {
        var address = await fixture.NewUserAsync();
        using var client = new ImapClient { ServerCertificateValidationCallback = (_, _, _, _) => true };
        await client.ConnectAsync("127.0.0.1", fixture.Port, SecureSocketOptions.StartTls);
        Assert.True(client.IsSecure);
        await client.AuthenticateAsync(address, ImapHostFixture.Password);
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(0, client.Inbox.Count);
    }

    [Fact]
    public async Task Implicit_tls_listener_works()
    {
        var address = await fixture.NewUserAsync();
        using var client = new ImapClient { ServerCertificateValidationCallback = (_, _, _, _) => true };
        await client.ConnectAsync("127.0.0.1", fixture.ImapsPort, SecureSocketOptions.SslOnConnect);
        await client.AuthenticateAsync(address, ImapHostFixture.Password);
        Assert.True(client.IsAuthenticated);
    }

    [Fact]
    public async Task Plaintext_refused_when_the_policy_says_so_advertises_logindisabled()
    {
        await using var host = await PortalTestHost.StartAsync(extra: new Dictionary<string, string?> { ["Portal:Imap:AllowPlaintextOnLoopback"] = "false" });
        await host.AddUserAsync("strict@imap.test", ImapHostFixture.Password);
        var port = int.Parse(host.Settings["Portal:Protocols:Imap:Port"]!, System.Globalization.CultureInfo.InvariantCulture);
        await using (var raw = await RawImapClient.ConnectAsync(port))
        {
            var caps = await raw.CommandAsync("c", "CAPABILITY");
            Assert.Contains("LOGINDISABLED", caps[0], StringComparison.Ordinal);
            Assert.DoesNotContain("AUTH=PLAIN", caps[0], StringComparison.Ordinal);
            Assert.StartsWith("l NO [PRIVACYREQUIRED]", (await raw.CommandAsync("l", $"LOGIN strict@imap.test {ImapHostFixture.Password}"))[^1], StringComparison.Ordinal);
        }

        using var client = new ImapClient { ServerCertificateValidationCallback = (_, _, _, _) => true };
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.StartTls);
        Assert.Contains("PLAIN", client.AuthenticationMechanisms);
        await client.AuthenticateAsync("strict@imap.test", ImapHostFixture.Password);
        Assert.True(client.IsAuthenticated);
    }
}
