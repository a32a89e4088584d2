using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Portal.Protocols.Tests.Smtp;

/// <summary>RFC 3461 §6.2 success notices over a real socket: NOTIFY=SUCCESS gets a "delivered" report, nobody else does.</summary>
public sealed class DsnNoticeTests(SmtpHostFixture fixture) : IClassFixture<SmtpHostFixture>
{
    [Fact]
    public async Task Notify_success_gets_a_delivered_report_and_recipients_without_it_get_none()
    {
        var sender = await fixture.AddMailboxAsync("dsn-sender@example.test");
        var tracked = await fixture.AddMailboxAsync("dsn-tracked@example.test");
        var quiet = await fixture.AddMailboxAsync("dsn-quiet@example.test");
        using (var client = new NotifyingClient(tracked.Address) { Timeout = 15000 })
        {
            await client.ConnectAsync("127.0.0.1", fixture.SmtpPort, SecureSocketOptions.None);
            Assert.True(client.Capabilities.HasFlag(SmtpCapabilities.Dsn));
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse(sender.Address));
            message.To.Add(MailboxAddress.Parse(tracked.Address));
            message.Cc.Add(MailboxAddress.Parse(quiet.Address));
            message.Subject = "Tracked";
            message.Body = new TextPart("plain") { Text = "Tell me when it arrives.\r\n" };
            await client.SendAsync(message);
            await client.DisconnectAsync(true);
        }

        Assert.Single(await fixture.InboxAsync(tracked));
        Assert.Single(await fixture.InboxAsync(quiet));

        // The notice is in the sender's Inbox when the 250 came: sent before the reply, with the null sender.
        var notice = Assert.Single(await fixture.InboxAsync(sender));
        Assert.Equal("Successful Mail Delivery Report", notice.Subject);
        var text = Encoding.UTF8.GetString(await fixture.ContentAsync(notice));
        Assert.Contains("Content-Type: multipart/report", text, StringComparison.Ordinal);
        Assert.Contains("report-type=delivery-status", text, StringComparison.Ordinal);
        Assert.Contains($"Final-Recipient: rfc822; {tracked.Address}", text, StringComparison.Ordinal);
        Assert.Contains("Action: delivered", text, StringComparison.Ordinal);
        Assert.Contains("Status: 2.0.0", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"rfc822; {quiet.Address}", text, StringComparison.Ordinal);
        Assert.Contains("Subject: Tracked", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tell me when it arrives.", text, StringComparison.Ordinal);
    }

    /// <summary>Asks for NOTIFY=SUCCESS for one recipient only.</summary>
    private sealed class NotifyingClient(string address) : SmtpClient
    {
        protected override DeliveryStatusNotification? GetDeliveryStatusNotifications(MimeMessage message, MailboxAddress mailbox) =>
            mailbox.Address == address ? DeliveryStatusNotification.Success : null;
    }
}
