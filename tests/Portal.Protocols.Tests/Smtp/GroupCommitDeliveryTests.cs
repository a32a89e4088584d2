using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Portal.Protocols.Tests.Smtp;

/// <summary>
/// Many sessions delivering at once share store transactions (group commit); each 250 still means the message is
/// committed: it is listed the moment the client has its reply, exactly once, byte for byte.
/// </summary>
public sealed class GroupCommitDeliveryTests(SmtpHostFixture fixture) : IClassFixture<SmtpHostFixture>
{
    [Fact]
    public async Task Parallel_senders_each_get_250_only_for_a_committed_message()
    {
        var mailbox = await fixture.AddMailboxAsync("parallel@example.test");
        const int senders = 12, each = 4;
        var body = string.Join("\r\n", Enumerable.Repeat(new string('z', 70), 40));

        await Task.WhenAll(Enumerable.Range(0, senders).Select(async sender =>
        {
            using var client = new SmtpClient { Timeout = 30000 };
            await client.ConnectAsync("127.0.0.1", fixture.SmtpPort, SecureSocketOptions.None);
            for (var i = 0; i < each; i++)
            {
                var subject = $"parallel {sender}-{i}";
                var message = new MimeMessage();
                message.From.Add(MailboxAddress.Parse($"sender{sender}@outside.test"));
                message.To.Add(MailboxAddress.Parse(mailbox.Address));
                message.Subject = subject;
                message.Body = new TextPart("plain") { Text = $"{subject}\r\n{body}\r\n" };
                if (sender % 2 == 1)
                {
                    client.Capabilities &= ~SmtpCapabilities.Chunking;
                }

                Assert.Contains("queued as", await client.SendAsync(message), StringComparison.Ordinal);

                // Acknowledged means committed: the message is there now, not later.
                Assert.Single(await fixture.InboxAsync(mailbox), m => m.Subject == subject);
            }

            await client.DisconnectAsync(true);
        }));

        var stored = await fixture.InboxAsync(mailbox);
        Assert.Equal(senders * each, stored.Count);
        Assert.Equal(senders * each, stored.Select(m => m.Uid).Distinct().Count());
        Assert.Equal(senders * each, stored.Select(m => m.Subject).Distinct().Count());
        foreach (var message in stored.Take(3))
        {
            var text = System.Text.Encoding.ASCII.GetString(await fixture.ContentAsync(message));
            Assert.Contains(message.Subject + "\r\n" + body + "\r\n", text, StringComparison.Ordinal);
        }
    }
}
