using System.Security.Authentication;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Core.Devices;
using Portal.Core.Mail;

namespace Portal.Protocols.Tests.Smtp;

/// <summary>Submission on 587 (STARTTLS) and 465 (implicit TLS): TLS before AUTH, AUTH before MAIL, own addresses only.</summary>
public sealed class SmtpSubmissionTests(SmtpHostFixture fixture) : IClassFixture<SmtpHostFixture>
{
    [Fact]
    public async Task Auth_is_neither_offered_nor_accepted_before_starttls()
    {
        await using var raw = await RawSmtpClient.ConnectAsync(fixture.Port("Submission"));
        await raw.SendAsync("EHLO client.test\r\n");
        var lines = new List<string>();
        string? line;
        do
        {
            line = await raw.ReadLineAsync();
            lines.Add(line!);
        }
        while (line![3] == '-');
        Assert.Contains(lines, l => l[4..] == "STARTTLS");
        Assert.DoesNotContain(lines, l => l[4..].StartsWith("AUTH", StringComparison.Ordinal));
        Assert.StartsWith("530 5.7.0", await raw.CommandAsync("AUTH PLAIN AGFAYgBj"), StringComparison.Ordinal);
        Assert.StartsWith("530 5.7.0", await raw.CommandAsync("MAIL FROM:<a@example.test>"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Starttls_then_auth_plain_submits_to_a_local_mailbox_without_a_sent_copy()
    {
        var sender = await fixture.AddMailboxAsync("sub-sender@example.test");
        var recipient = await fixture.AddMailboxAsync("sub-recipient@example.test");
        using (var client = NewClient())
        {
            await client.ConnectAsync("127.0.0.1", fixture.Port("Submission"), SecureSocketOptions.StartTls);
            Assert.True(client.IsSecure);
            Assert.Contains("PLAIN", client.AuthenticationMechanisms);
            Assert.Contains("LOGIN", client.AuthenticationMechanisms);
            client.AuthenticationMechanisms.Remove("LOGIN");
            await client.AuthenticateAsync(sender.Address, SmtpHostFixture.Password);
            await client.SendAsync(Message(sender.Address, recipient.Address, "Submitted"));
            await client.DisconnectAsync(true);
        }

        var stored = Assert.Single(await fixture.InboxAsync(recipient));
        Assert.Contains("with ESMTPSA", System.Text.Encoding.ASCII.GetString(await fixture.ContentAsync(stored)), StringComparison.Ordinal);
        var store = fixture.Host.Services.GetRequiredService<IMessageStore>();
        var sent = await store.FindFolderAsync(sender.Id, FolderRole.Sent);
        Assert.Empty(await store.ListMessagesAsync(sent!.Id));

        var devices = fixture.Host.Services.GetRequiredService<IDeviceRegistry>();
        await devices.FlushAsync();
        var device = Assert.Single(await devices.ListAsync(sender.Id));
        Assert.Equal(DeviceProtocol.Smtp, device.Protocol);
    }

    [Fact]
    public async Task Implicit_tls_with_auth_login_works_and_an_alias_may_be_the_sender()
    {
        var sender = await fixture.AddMailboxAsync("login-sender@example.test");
        var recipient = await fixture.AddMailboxAsync("login-recipient@example.test");
        await fixture.AddAliasAsync("team-lead@example.test", sender.Address);
        using (var client = NewClient())
        {
            await client.ConnectAsync("127.0.0.1", fixture.Port("Smtps"), SecureSocketOptions.SslOnConnect);
            client.AuthenticationMechanisms.Remove("PLAIN");
            await client.AuthenticateAsync(sender.Address, SmtpHostFixture.Password);
            await client.SendAsync(Message("team-lead@example.test", recipient.Address, "As the alias"));
        }

        Assert.Equal("As the alias", Assert.Single(await fixture.InboxAsync(recipient)).Subject);
    }

    [Fact]
    public async Task A_wrong_password_gets_535()
    {
        var sender = await fixture.AddMailboxAsync("wrong-password@example.test");
        using var client = NewClient();
        await client.ConnectAsync("127.0.0.1", fixture.Port("Smtps"), SecureSocketOptions.SslOnConnect);
        var ex = await Assert.ThrowsAsync<MailKit.Security.AuthenticationException>(() => client.AuthenticateAsync(sender.Address, "Not-The-Password-1"));
        Assert.Contains("invalid", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_sender_address_the_user_does_not_own_is_refused_with_553()
    {
        var sender = await fixture.AddMailboxAsync("honest@example.test");
        var other = await fixture.AddMailboxAsync("boss@example.test");
        using var client = NewClient();
        await client.ConnectAsync("127.0.0.1", fixture.Port("Smtps"), SecureSocketOptions.SslOnConnect);
        await client.AuthenticateAsync(sender.Address, SmtpHostFixture.Password);
        var ex = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Message(other.Address, sender.Address, "Spoofed")));
        Assert.Equal(SmtpErrorCode.SenderNotAccepted, ex.ErrorCode);
        Assert.Equal(553, (int)ex.StatusCode);
        Assert.Contains("5.7.1", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.InboxAsync(sender));
    }

    [Fact]
    public async Task The_mx_port_offers_starttls_but_never_auth()
    {
        var recipient = await fixture.AddMailboxAsync("mx-tls@example.test");
        using var client = NewClient();
        await client.ConnectAsync("127.0.0.1", fixture.SmtpPort, SecureSocketOptions.StartTls);
        Assert.True(client.IsSecure);
        Assert.False(client.Capabilities.HasFlag(SmtpCapabilities.Authentication));
        await client.SendAsync(Message("someone@outside.test", recipient.Address, "Over TLS"));
        var stored = Assert.Single(await fixture.InboxAsync(recipient));
        Assert.Contains("with ESMTPS", System.Text.Encoding.ASCII.GetString(await fixture.ContentAsync(stored)), StringComparison.Ordinal);
    }

    private static SmtpClient NewClient() => new()
    {
        Timeout = 15000,
        CheckCertificateRevocation = false,
        ServerCertificateValidationCallback = (_, _, _, _) => true,
        SslProtocols = SslProtocols.None,
    };

    private static MimeMessage Message(string from, string to, string subject)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "Hello\r\n" };
        return message;
    }
}
