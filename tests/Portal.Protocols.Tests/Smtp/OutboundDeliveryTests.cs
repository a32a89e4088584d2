using System.Security.Authentication;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Core.Delivery;

namespace Portal.Protocols.Tests.Smtp;

/// <summary>Submission to outside addresses through the persistent queue to a loopback MX found by the test resolver.</summary>
public sealed class OutboundDeliveryTests(OutboundHostFixture fixture) : IClassFixture<OutboundHostFixture>
{
    private SmtpHostFixture Smtp => fixture.Smtp;

    [Fact]
    public async Task A_submitted_message_for_an_outside_address_reaches_the_remote_mx()
    {
        var sender = await Smtp.AddMailboxAsync("out-sender@example.test");
        await SubmitAsync(sender.Address, "friend@remote.test", "Going out");

        var received = await WaitForAsync(() => fixture.Mx.Received.FirstOrDefault(r => r.Recipients.Contains("friend@remote.test")));
        Assert.Equal(sender.Address, received.Sender);
        Assert.Contains("Subject: Going out", received.Data, StringComparison.Ordinal);
        Assert.Contains("Received: from", received.Data, StringComparison.Ordinal);
        var row = await WaitForAsync(async () => (await QueueAsync()).FirstOrDefault(r => r.Recipient.Address == "friend@remote.test" && r.Recipient.State == OutboundState.Delivered));
        Assert.Equal(1, row.Recipient.Attempts);
    }

    [Fact]
    public async Task Outgoing_mail_from_a_local_domain_carries_a_valid_dkim_signature()
    {
        var sender = await Smtp.AddMailboxAsync("dkim-sender@example.test");
        await SubmitAsync(sender.Address, "reader@dkim.test", "Signed on the way out");

        var received = await WaitForAsync(() => fixture.Mx.Received.FirstOrDefault(r => r.Recipients.Contains("reader@dkim.test")));
        var key = await Smtp.Host.Services.GetRequiredService<IDkimKeyStore>().FindAsync("example.test");
        Assert.NotNull(key);
        using var data = new MemoryStream(Encoding.UTF8.GetBytes(received.Data));
        var message = await MimeMessage.LoadAsync(data);
        var signature = message.Headers.Single(h => h.Id == HeaderId.DkimSignature);
        Assert.Contains($"s={key.Selector}", signature.Value, StringComparison.Ordinal);
        Assert.Contains("d=example.test", signature.Value, StringComparison.Ordinal);
        var verifier = new MimeKit.Cryptography.DkimVerifier(new FixedKeyLocator(key.DnsRecord));
        Assert.True(await verifier.VerifyAsync(message, signature));
    }

    [Fact]
    public async Task A_451_is_retried_and_then_delivered()
    {
        var sender = await Smtp.AddMailboxAsync("retry-sender@example.test");
        await SubmitAsync(sender.Address, "defer-once@retry.test", "Second time lucky");

        var row = await WaitForAsync(async () => (await QueueAsync()).FirstOrDefault(r => r.Recipient.Address == "defer-once@retry.test" && r.Recipient.State == OutboundState.Delivered));
        Assert.Equal(2, row.Recipient.Attempts);
        Assert.Equal(2, fixture.Mx.Attempts("defer-once@retry.test"));
        Assert.Contains(fixture.Mx.Received, r => r.Recipients.Contains("defer-once@retry.test"));
        Assert.Empty(await Smtp.InboxAsync(sender));
    }

    [Fact]
    public async Task A_550_bounces_to_the_sender_with_a_delivery_status_report()
    {
        var sender = await Smtp.AddMailboxAsync("bounce-sender@example.test");
        await SubmitAsync(sender.Address, "reject-me@bounce.test", "Will bounce");

        var bounce = await WaitForAsync(async () => (await Smtp.InboxAsync(sender)).FirstOrDefault());
        Assert.Equal("Undelivered Mail Returned to Sender", bounce.Subject);
        var text = Encoding.UTF8.GetString(await Smtp.ContentAsync(bounce));
        Assert.Contains("multipart/report", text, StringComparison.Ordinal);
        Assert.Contains("report-type=delivery-status", text, StringComparison.Ordinal);
        Assert.Contains("Final-Recipient: rfc822; reject-me@bounce.test", text, StringComparison.Ordinal);
        Assert.Contains("Status: 5.1.1", text, StringComparison.Ordinal);
        Assert.Contains("Subject: Will bounce", text, StringComparison.Ordinal);
        var row = (await QueueAsync()).Single(r => r.Recipient.Address == "reject-me@bounce.test");
        Assert.Equal(OutboundState.Failed, row.Recipient.State);
    }

    [Fact]
    public async Task A_recipient_deferred_past_the_maximum_age_bounces_as_expired()
    {
        var sender = await Smtp.AddMailboxAsync("expire-sender@example.test");
        await SubmitAsync(sender.Address, "defer-always@expire.test", "Never arrives");

        var bounce = await WaitForAsync(async () => (await Smtp.InboxAsync(sender)).FirstOrDefault(), seconds: 30);
        var text = Encoding.UTF8.GetString(await Smtp.ContentAsync(bounce));
        Assert.Contains("Status: 4.4.7", text, StringComparison.Ordinal);
        Assert.True(fixture.Mx.Attempts("defer-always@expire.test") >= 2);
    }

    [Fact]
    public async Task Notify_delay_gets_one_delayed_notice_while_retrying_then_the_bounce()
    {
        var sender = await Smtp.AddMailboxAsync("delay-sender@example.test");
        await SubmitAsync(sender.Address, "defer-slow@delay.test", "Slow going", DeliveryStatusNotification.Delay | DeliveryStatusNotification.Failure);

        // Retried every second for four; the notice comes on the first retry after 1.5 s, the bounce at the end.
        var bounce = await WaitForAsync(async () => (await Smtp.InboxAsync(sender)).FirstOrDefault(m => m.Subject == "Undelivered Mail Returned to Sender"), seconds: 30);
        Assert.True(fixture.Mx.Attempts("defer-slow@delay.test") >= 3);
        var notice = Assert.Single(await Smtp.InboxAsync(sender), m => m.Subject == "Delayed Mail (still being retried)");
        Assert.Equal(2, (await Smtp.InboxAsync(sender)).Count);
        Assert.True(notice.Uid < bounce.Uid);
        var text = Encoding.UTF8.GetString(await Smtp.ContentAsync(notice));
        Assert.Contains("report-type=delivery-status", text, StringComparison.Ordinal);
        Assert.Contains("Final-Recipient: rfc822; defer-slow@delay.test", text, StringComparison.Ordinal);
        Assert.Contains("Action: delayed", text, StringComparison.Ordinal);
        Assert.Contains("Status: 4.3.0", text, StringComparison.Ordinal);
        Assert.Contains("Will-Retry-Until: ", text, StringComparison.Ordinal);
        Assert.Contains("Subject: Slow going", text, StringComparison.Ordinal);

        // Without NOTIFY=DELAY the same delay is silent until the bounce.
        var quiet = await Smtp.AddMailboxAsync("delay-quiet@example.test");
        await SubmitAsync(quiet.Address, "defer-quiet@delay.test", "Quietly slow");
        var only = await WaitForAsync(async () => (await Smtp.InboxAsync(quiet)).FirstOrDefault(), seconds: 30);
        Assert.Equal("Undelivered Mail Returned to Sender", only.Subject);
        Assert.Single(await Smtp.InboxAsync(quiet));
    }

    [Fact]
    public async Task Notify_success_through_a_server_without_dsn_gets_a_relayed_notice_and_with_dsn_none()
    {
        var sender = await Smtp.AddMailboxAsync("relay-sender@example.test");
        fixture.Mx.OfferDsn = false;
        try
        {
            await SubmitAsync(sender.Address, "friend@no-dsn.test", "Tell me it went", DeliveryStatusNotification.Success);
            var notice = await WaitForAsync(async () => (await Smtp.InboxAsync(sender)).FirstOrDefault());
            Assert.Equal("Relayed Mail Delivery Report", notice.Subject);
            var text = Encoding.UTF8.GetString(await Smtp.ContentAsync(notice));
            Assert.Contains("Final-Recipient: rfc822; friend@no-dsn.test", text, StringComparison.Ordinal);
            Assert.Contains("Action: relayed", text, StringComparison.Ordinal);
            Assert.Contains("Status: 2.0.0", text, StringComparison.Ordinal);
            Assert.Contains("Diagnostic-Code: smtp; 250 2.0.0 Accepted by fake", text, StringComparison.Ordinal);
        }
        finally
        {
            fixture.Mx.OfferDsn = true;
        }

        // A server that offers DSN was given NOTIFY=SUCCESS and reports itself: nothing from here.
        var other = await Smtp.AddMailboxAsync("relay-dsn-sender@example.test");
        await SubmitAsync(other.Address, "friend@with-dsn.test", "They will tell you", DeliveryStatusNotification.Success);
        await WaitForAsync(async () => (await QueueAsync()).FirstOrDefault(r => r.Recipient.Address == "friend@with-dsn.test" && r.Recipient.State == OutboundState.Delivered));
        await Task.Delay(1000);
        Assert.Empty(await Smtp.InboxAsync(other));
    }

    [Fact]
    public async Task An_alias_with_an_outside_target_forwards_mail_from_the_mx()
    {
        var local = await Smtp.AddMailboxAsync("fwd-local@example.test");
        await Smtp.AddAliasAsync("forwarder@example.test", local.Address, "elsewhere@forward.test");
        using (var client = new SmtpClient { Timeout = 15000 })
        {
            await client.ConnectAsync("127.0.0.1", Smtp.SmtpPort, SecureSocketOptions.None);
            await client.SendAsync(Message("stranger@outside.test", "forwarder@example.test", "Forward me"));
        }

        Assert.Equal("Forward me", Assert.Single(await Smtp.InboxAsync(local)).Subject);
        var received = await WaitForAsync(() => fixture.Mx.Received.FirstOrDefault(r => r.Recipients.Contains("elsewhere@forward.test")));

        // Forwarded with the sender rewritten (SRS) at the alias's domain, and our trace naming the alias.
        Assert.StartsWith("SRS0=", received.Sender, StringComparison.Ordinal);
        Assert.EndsWith("=outside.test=stranger@example.test", received.Sender, StringComparison.Ordinal);
        Assert.Contains("X-Portal-Forwarded: forwarder@example.test", received.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bounce_for_an_outside_sender_goes_out_with_the_null_sender()
    {
        await Smtp.AddMailboxAsync("fwd2-local@example.test");
        await Smtp.AddAliasAsync("fwd-reject@example.test", "reject-fwd@far.test");
        using (var client = new SmtpClient { Timeout = 15000 })
        {
            await client.ConnectAsync("127.0.0.1", Smtp.SmtpPort, SecureSocketOptions.None);
            await client.SendAsync(Message("writer@origin.test", "fwd-reject@example.test", "Forward and fail"));
        }

        var bounce = await WaitForAsync(() => fixture.Mx.Received.FirstOrDefault(r => r.Recipients.Contains("writer@origin.test")));
        Assert.Equal(string.Empty, bounce.Sender);
        Assert.Contains("report-type=delivery-status", bounce.Data, StringComparison.Ordinal);
    }

    private async Task SubmitAsync(string from, string to, string subject, DeliveryStatusNotification? notify = null)
    {
        using var client = new NotifyingClient(notify)
        {
            Timeout = 15000,
            ServerCertificateValidationCallback = (_, _, _, _) => true,
            CheckCertificateRevocation = false,
            SslProtocols = SslProtocols.None,
        };
        await client.ConnectAsync("127.0.0.1", Smtp.Port("Smtps"), SecureSocketOptions.SslOnConnect);
        await client.AuthenticateAsync(from, SmtpHostFixture.Password);
        await client.SendAsync(Message(from, to, subject));
        await client.DisconnectAsync(true);
    }

    private async Task<IReadOnlyList<(OutboundMessage Message, OutboundRecipient Recipient)>> QueueAsync() =>
        await Smtp.Host.Services.GetRequiredService<IOutboundQueue>().ListAsync(1000);

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (await probe() is { } found && !found.Equals(default(T)))
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting.");
            await Task.Delay(100);
        }
    }

    private static Task<T> WaitForAsync<T>(Func<T?> probe, int seconds = 20) => WaitForAsync(() => Task.FromResult(probe()), seconds);

    private static MimeMessage Message(string from, string to, string subject)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = "Hello\r\n" };
        return message;
    }

    /// <summary>Asks for the given NOTIFY (RFC 3461) for every recipient; none when null.</summary>
    private sealed class NotifyingClient(DeliveryStatusNotification? notify) : SmtpClient
    {
        protected override DeliveryStatusNotification? GetDeliveryStatusNotifications(MimeMessage message, MailboxAddress mailbox) => notify;
    }

    private sealed class FixedKeyLocator(string record) : MimeKit.Cryptography.DkimPublicKeyLocatorBase
    {
        public override Org.BouncyCastle.Crypto.AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) => GetPublicKey(record);

        public override Task<Org.BouncyCastle.Crypto.AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
            Task.FromResult(GetPublicKey(record));
    }
}
