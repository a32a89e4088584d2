using System.Diagnostics;
using System.Globalization;

namespace Portal.Protocols.Tests.Imap;

/// <summary>
/// An APPEND literal written in two parts by a client with Nagle's algorithm on (the default of most client
/// libraries) is acknowledged at once, so the short last part never waits out the kernel's delayed-ACK timer.
/// </summary>
public sealed class ImapLiteralAcknowledgementTests(ImapHostFixture fixture) : IClassFixture<ImapHostFixture>
{
    [Fact]
    public async Task A_literal_written_in_two_parts_is_not_held_by_a_delayed_ack()
    {
        var address = await fixture.NewUserAsync();
        await using var raw = await RawImapClient.ConnectAsync(fixture.Port);
        Assert.Contains("OK", (await raw.CommandAsync("a", $"LOGIN {address} {ImapHostFixture.Password}"))[^1], StringComparison.Ordinal);
        var body = string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog.\r\n", 200));
        var times = new List<double>();
        for (var i = 0; i < 12; i++)
        {
            var message = $"Subject: Nagle {i}\r\n\r\n{body}";
            var clock = Stopwatch.StartNew();

            // LITERAL+ (RFC 7888): the command, most of the literal, then its short end in a second write.
            await raw.SendAsync($"b{i} APPEND INBOX {{{message.Length}+}}\r\n{message[..^10]}");
            await raw.SendAsync($"{message[^10..]}\r\n");
            Assert.Contains("OK", (await raw.ReadUntilTaggedAsync($"b{i}"))[^1], StringComparison.Ordinal);
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        var status = await raw.CommandAsync("c", "STATUS INBOX (MESSAGES)");
        Assert.Contains("(MESSAGES 12)", status[0], StringComparison.Ordinal);

        // Storing takes a few fsyncs; a delayed ACK would add at least 40 ms to every one of these.
        Assert.True(times.Skip(2).Min() < 35, $"APPEND took {string.Join(", ", times.Select(t => t.ToString("F0", CultureInfo.InvariantCulture)))} ms");
    }
}
