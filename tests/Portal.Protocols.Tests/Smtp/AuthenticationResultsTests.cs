using System.Security.Cryptography;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using MimeKit.Cryptography;

namespace Portal.Protocols.Tests.Smtp;

/// <summary>Mail arriving at the MX gets an Authentication-Results header (SPF, DKIM, DMARC); a bad verdict never refuses it.</summary>
public sealed class AuthenticationResultsTests(SmtpHostFixture fixture) : IClassFixture<SmtpHostFixture>
{
    [Fact]
    public async Task Spf_dkim_and_dmarc_pass_for_an_aligned_signed_message_from_an_authorised_address()
    {
        using var rsa = RSA.Create(2048);
        LoopbackDnsResolver.Txt["good.test"] = ["v=spf1 ip4:127.0.0.0/8 -all"];
        LoopbackDnsResolver.Txt["_dmarc.good.test"] = ["v=DMARC1; p=reject"];
        LoopbackDnsResolver.Txt["sel._domainkey.good.test"] = ["v=DKIM1; k=rsa; p=" + Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo())];
        var recipient = await fixture.AddMailboxAsync("auth-pass@example.test");
        var message = Message("sender@good.test", recipient.Address);
        using (var pem = new MemoryStream(Encoding.ASCII.GetBytes(rsa.ExportPkcs8PrivateKeyPem())))
        {
            var signer = new DkimSigner(pem, "good.test", "sel")
            {
                HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
                BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            };
            message.Prepare(EncodingConstraint.SevenBit);
            signer.Sign(message, [HeaderId.From, HeaderId.To, HeaderId.Subject, HeaderId.Date]);
        }

        var text = await DeliverAsync(message, recipient);
        Assert.StartsWith("Authentication-Results: mx.example.test;", text, StringComparison.Ordinal);
        Assert.Contains("spf=pass smtp.mailfrom=sender@good.test", text, StringComparison.Ordinal);
        Assert.Contains("dkim=pass header.d=good.test header.s=sel", text, StringComparison.Ordinal);
        Assert.Contains("dmarc=pass header.from=good.test", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Authentication-Results:", StringComparison.Ordinal) < text.IndexOf("Received:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_spf_fail_is_recorded_and_the_message_still_delivered()
    {
        LoopbackDnsResolver.Txt["bad.test"] = ["v=spf1 ip4:192.0.2.0/24 -all"];
        LoopbackDnsResolver.Txt["_dmarc.bad.test"] = ["v=DMARC1; p=none"];
        var recipient = await fixture.AddMailboxAsync("auth-fail@example.test");
        var text = await DeliverAsync(Message("sender@bad.test", recipient.Address), recipient);
        Assert.Contains("spf=fail smtp.mailfrom=sender@bad.test", text, StringComparison.Ordinal);
        Assert.Contains("dkim=none", text, StringComparison.Ordinal);
        Assert.Contains("dmarc=fail header.from=bad.test", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dns_failure_is_a_temperror_not_a_refusal()
    {
        var recipient = await fixture.AddMailboxAsync("auth-dns@example.test");
        var text = await DeliverAsync(Message("sender@dnsfail.test", recipient.Address), recipient);
        Assert.Contains("spf=temperror", text, StringComparison.Ordinal);
        Assert.Contains("dmarc=temperror", text, StringComparison.Ordinal);
    }

    private async Task<string> DeliverAsync(MimeMessage message, Portal.Core.Tenancy.Mailbox recipient)
    {
        using (var client = new SmtpClient { Timeout = 15000 })
        {
            await client.ConnectAsync("127.0.0.1", fixture.SmtpPort, SecureSocketOptions.None);
            client.Capabilities &= ~SmtpCapabilities.Chunking;
            await client.SendAsync(message);
        }

        var stored = Assert.Single(await fixture.InboxAsync(recipient));
        return Encoding.ASCII.GetString(await fixture.ContentAsync(stored));
    }

    private static MimeMessage Message(string from, string to)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "Checked";
        message.Date = DateTimeOffset.UtcNow;
        message.Body = new TextPart("plain") { Text = "Signed body\r\n" };
        return message;
    }
}
