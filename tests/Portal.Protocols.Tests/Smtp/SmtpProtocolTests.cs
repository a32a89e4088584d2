namespace Portal.Protocols.Tests.Smtp;

/// <summary>Bad input on the MX port, byte for byte over a real socket: sequence, limits, smuggling, dropped connections.</summary>
public sealed class SmtpProtocolTests(SmtpHostFixture fixture) : IClassFixture<SmtpHostFixture>
{
    [Fact]
    public async Task Ehlo_lists_the_extensions_and_commands_out_of_sequence_get_503()
    {
        await using var raw = await RawSmtpClient.ConnectAsync(fixture.SmtpPort);
        Assert.StartsWith("503 5.5.1", await raw.CommandAsync("MAIL FROM:<a@outside.test>"), StringComparison.Ordinal);
        await raw.SendAsync("EHLO client.test\r\n");
        var lines = new List<string>();
        string? line;
        do
        {
            line = await ReadLineAsync(raw);
            lines.Add(line!);
        }
        while (line![3] == '-');
        foreach (var keyword in new[] { "PIPELINING", "SIZE 200000", "8BITMIME", "SMTPUTF8", "ENHANCEDSTATUSCODES", "CHUNKING", "DSN", "STARTTLS" })
        {
            Assert.Contains(lines, l => l[4..] == keyword);
        }

        Assert.DoesNotContain(lines, l => l[4..].StartsWith("AUTH", StringComparison.Ordinal));
        Assert.StartsWith("503 5.5.1", await raw.CommandAsync("RCPT TO:<a@example.test>"), StringComparison.Ordinal);
        Assert.StartsWith("503 5.5.1", await raw.CommandAsync("DATA"), StringComparison.Ordinal);
        Assert.StartsWith("252 2.5.0", await raw.CommandAsync("VRFY someone"), StringComparison.Ordinal);
        Assert.StartsWith("502 5.5.1", await raw.CommandAsync("EXPN list"), StringComparison.Ordinal);
        Assert.StartsWith("221 2.0.0", await raw.CommandAsync("QUIT"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_over_long_command_line_gets_500_and_the_session_goes_on()
    {
        await using var raw = await RawSmtpClient.ConnectAsync(fixture.SmtpPort);
        Assert.StartsWith("500 5.5.2", await raw.CommandAsync("EHLO " + new string('a', 1200)), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await raw.CommandAsync("HELO client.test"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await raw.CommandAsync("NOOP"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_over_long_text_line_gets_500_after_the_data()
    {
        var mailbox = await fixture.AddMailboxAsync("longline@example.test");
        await using var raw = await ReadyForDataAsync(mailbox.Address);
        await raw.SendAsync("Subject: x\r\n\r\n" + new string('z', 1100) + "\r\nshort\r\n.\r\n");
        Assert.StartsWith("500 5.5.2", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await raw.CommandAsync("NOOP"), StringComparison.Ordinal);
        Assert.Empty(await fixture.InboxAsync(mailbox));
    }

    [Fact]
    public async Task Too_many_errors_get_421_and_the_connection_closes()
    {
        await using var raw = await RawSmtpClient.ConnectAsync(fixture.SmtpPort);
        for (var i = 0; i < 5; i++)
        {
            Assert.StartsWith("500 5.5.1", await raw.CommandAsync("BOGUS"), StringComparison.Ordinal);
        }

        await raw.SendAsync("BOGUS\r\n");
        Assert.StartsWith("500 5.5.1", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("421 4.7.0", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.Null(await raw.ReadReplyAsync());
    }

    [Fact]
    public async Task Too_many_recipients_get_452()
    {
        var mailbox = await fixture.AddMailboxAsync("many@example.test");
        await using var raw = await RawSmtpClient.ConnectAsync(fixture.SmtpPort);
        await raw.CommandAsync("EHLO client.test");
        await raw.CommandAsync("MAIL FROM:<x@outside.test>");
        for (var i = 0; i < 5; i++)
        {
            Assert.StartsWith("250 2.1.5", await raw.CommandAsync($"RCPT TO:<{mailbox.Address}>"), StringComparison.Ordinal);
        }

        Assert.StartsWith("452 4.5.3", await raw.CommandAsync($"RCPT TO:<{mailbox.Address}>"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "Subject: a\r\n\r\nfirst\n.\nMAIL FROM:<evil@outside.test>\r\n")]
    [InlineData(2, "Subject: a\r\n\r\nfirst\r\n.\nMAIL FROM:<evil@outside.test>\r\n")]
    [InlineData(3, "Subject: a\r\n\r\nfirst\r.\r\nMAIL FROM:<evil@outside.test>\r\n")]
    public async Task Bare_lf_or_cr_in_data_cannot_smuggle_a_second_message(int variant, string smuggled)
    {
        var mailbox = await fixture.AddMailboxAsync($"smuggle-{variant}@example.test");
        await using var raw = await ReadyForDataAsync(mailbox.Address);
        await raw.SendAsync(smuggled + $"RCPT TO:<{mailbox.Address}>\r\nDATA\r\nSubject: smuggled\r\n\r\nx\r\n.\r\n");
        Assert.StartsWith("554 5.6.0", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await raw.CommandAsync("NOOP"), StringComparison.Ordinal);
        Assert.Empty(await fixture.InboxAsync(mailbox));
    }

    [Fact]
    public async Task A_connection_dropped_mid_data_stores_nothing()
    {
        var mailbox = await fixture.AddMailboxAsync("dropped@example.test");
        var raw = await ReadyForDataAsync(mailbox.Address);
        await raw.SendAsync("Subject: cut\r\n\r\nhalf a mess");
        await raw.DisposeAsync();

        // The session notices the close; then its spool file is gone and nothing was stored.
        for (var i = 0; i < 100 && Directory.Exists(fixture.SpoolDirectory) && Directory.EnumerateFiles(fixture.SpoolDirectory).Any(); i++)
        {
            await Task.Delay(50);
        }

        Assert.False(Directory.Exists(fixture.SpoolDirectory) && Directory.EnumerateFiles(fixture.SpoolDirectory).Any());
        Assert.Empty(await fixture.InboxAsync(mailbox));
    }

    [Fact]
    public async Task A_pipelined_transaction_gets_every_reply_in_order()
    {
        var mailbox = await fixture.AddMailboxAsync("pipelined@example.test");
        await using var raw = await RawSmtpClient.ConnectAsync(fixture.SmtpPort);
        await raw.CommandAsync("EHLO client.test");
        await raw.SendAsync($"MAIL FROM:<x@outside.test>\r\nRCPT TO:<nobody@example.test>\r\nRCPT TO:<{mailbox.Address}>\r\nDATA\r\n");
        Assert.StartsWith("250 2.1.0", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("550 5.1.1", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("250 2.1.5", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("354 ", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        await raw.SendAsync("Subject: piped\r\n\r\n..dot\r\n.\r\nQUIT\r\n");
        Assert.StartsWith("250 2.0.0", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("221 ", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        var stored = Assert.Single(await fixture.InboxAsync(mailbox));
        Assert.EndsWith("\r\n\r\n.dot\r\n", System.Text.Encoding.ASCII.GetString(await fixture.ContentAsync(stored)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bdat_refused_out_of_sequence_still_consumes_its_chunk()
    {
        await using var raw = await RawSmtpClient.ConnectAsync(fixture.SmtpPort);
        await raw.CommandAsync("EHLO client.test");
        await raw.SendAsync("BDAT 6 LAST\r\nNOOP\r\n");
        Assert.StartsWith("503 5.5.1", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await raw.CommandAsync("NOOP"), StringComparison.Ordinal);
    }

    private async Task<RawSmtpClient> ReadyForDataAsync(string recipient)
    {
        var raw = await RawSmtpClient.ConnectAsync(fixture.SmtpPort);
        Assert.StartsWith("250 ", await raw.CommandAsync("EHLO client.test"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await raw.CommandAsync("MAIL FROM:<x@outside.test>"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await raw.CommandAsync($"RCPT TO:<{recipient}>"), StringComparison.Ordinal);
        Assert.StartsWith("354 ", await raw.CommandAsync("DATA"), StringComparison.Ordinal);
        return raw;
    }

    private static async Task<string?> ReadLineAsync(RawSmtpClient raw) => await raw.ReadLineAsync();
}
