using System.Diagnostics;

namespace Portal.Protocols.Tests.Smtp;

/// <summary>
/// A client with Nagle's algorithm on (MailKit's and most libraries' default) holds the short end of its data until the
/// server acknowledges what came before: the server acknowledges DATA at once, so no message waits out the kernel's
/// delayed-ACK timer (at least 40 ms on Linux).
/// </summary>
public sealed class DataAcknowledgementTests(SmtpHostFixture fixture) : IClassFixture<SmtpHostFixture>
{
    [Fact]
    public async Task Data_written_in_two_parts_by_a_nagle_client_is_not_held_by_a_delayed_ack()
    {
        var recipient = await fixture.AddMailboxAsync("nagle@example.test");
        await using var client = await RawSmtpClient.ConnectAsync(fixture.SmtpPort);
        Assert.StartsWith("250", await client.CommandAsync("EHLO client.test"), StringComparison.Ordinal);
        var body = string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog.\r\n", 200));
        var times = new List<double>();
        for (var i = 0; i < 12; i++)
        {
            Assert.StartsWith("250", await client.CommandAsync("MAIL FROM:<sender@outside.test>"), StringComparison.Ordinal);
            Assert.StartsWith("250", await client.CommandAsync($"RCPT TO:<{recipient.Address}>"), StringComparison.Ordinal);
            Assert.StartsWith("354", await client.CommandAsync("DATA"), StringComparison.Ordinal);

            // The content, then the short end of data in a second write: Nagle keeps it until the first is acknowledged.
            var clock = Stopwatch.StartNew();
            await client.SendAsync($"Subject: Nagle {i}\r\n\r\n{body}");
            await client.SendAsync(".\r\n");
            Assert.StartsWith("250", await client.ReadReplyAsync(), StringComparison.Ordinal);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        Assert.Equal(12, (await fixture.InboxAsync(recipient)).Count);

        // Storing takes a few fsyncs; a delayed ACK would add at least 40 ms to every one of these.
        Assert.True(times.Skip(2).Min() < 35, $"DATA to 250 took {string.Join(", ", times.Select(t => t.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))} ms");
    }
}
