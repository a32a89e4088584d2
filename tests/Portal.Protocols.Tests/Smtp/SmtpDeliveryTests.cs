using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Portal.Protocols.Tests.Smtp;

/// <summary>Local delivery on the MX port over a real socket with MailKit: what lands in the store, and what is refused.</summary>
public sealed class SmtpDeliveryTests(SmtpHostFixture fixture) : IClassFixture<SmtpHostFixture>
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_message_for_a_local_mailbox_lands_in_its_inbox_byte_for_byte(bool chunking)
    {
        var mailbox = await fixture.AddMailboxAsync($"local-{chunking}@example.test".ToLowerInvariant());
        var message = Message("sender@outside.test", mailbox.Address, "Hello there", "Line one\r\n.Line starting with a dot\r\nLast line\r\n");
        var original = Bytes(message);

        using (var client = await ConnectAsync(chunking))
        {
            Assert.Equal(chunking, client.Capabilities.HasFlag(SmtpCapabilities.Chunking));
            var reply = await client.SendAsync(message);
            Assert.Contains("queued as", reply, StringComparison.Ordinal);
            await client.DisconnectAsync(true);
        }

        var stored = Assert.Single(await fixture.InboxAsync(mailbox));
        Assert.Equal("Hello there", stored.Subject);
        var content = await fixture.ContentAsync(stored);
        var text = Encoding.UTF8.GetString(content);
        Assert.StartsWith("Authentication-Results: mx.example.test;", text, StringComparison.Ordinal);
        Assert.Contains("\r\nReceived: from ", text, StringComparison.Ordinal);
        Assert.Contains("by mx.example.test with ESMTP", text, StringComparison.Ordinal);
        Assert.Contains($"for <{mailbox.Address}>", text, StringComparison.Ordinal);
        Assert.Equal(original, content[^original.Length..]);
        Assert.Contains("\r\n.Line starting with a dot\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_local_recipients_share_one_blob()
    {
        var first = await fixture.AddMailboxAsync("share-1@example.test");
        var second = await fixture.AddMailboxAsync("share-2@example.test");
        using (var client = await ConnectAsync(chunking: true))
        {
            var message = Message("sender@outside.test", first.Address, "Shared", "Body\r\n");
            message.To.Add(MailboxAddress.Parse(second.Address));
            await client.SendAsync(message);
        }

        var a = Assert.Single(await fixture.InboxAsync(first));
        var b = Assert.Single(await fixture.InboxAsync(second));
        Assert.Equal(a.BlobId, b.BlobId);
        Assert.DoesNotContain("for <", Encoding.UTF8.GetString(await fixture.ContentAsync(a)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aliases_and_the_catch_all_deliver_to_their_mailboxes()
    {
        var target = await fixture.AddMailboxAsync("alias-target@example.test");
        var other = await fixture.AddMailboxAsync("alias-other@example.test");
        await fixture.AddAliasAsync("sales@example.test", target.Address, other.Address);
        await fixture.AddMailboxAsync("someone@catchall.test");
        var catchAll = await fixture.AddMailboxAsync("bucket@catchall.test");
        await fixture.UpdateAsync(async db => (await db.Domains.SingleAsync(d => d.Name == "catchall.test")).CatchAllMailboxId = catchAll.Id);

        using (var client = await ConnectAsync(chunking: false))
        {
            await client.SendAsync(Message("x@outside.test", "sales@example.test", "To the alias", "Hi\r\n"));
            await client.SendAsync(Message("x@outside.test", "nobody-here@catchall.test", "To nobody", "Hi\r\n"));
        }

        Assert.Equal("To the alias", Assert.Single(await fixture.InboxAsync(target)).Subject);
        Assert.Equal("To the alias", Assert.Single(await fixture.InboxAsync(other)).Subject);
        Assert.Equal("To nobody", Assert.Single(await fixture.InboxAsync(catchAll)).Subject);
    }

    [Fact]
    public async Task Unknown_local_recipients_and_relaying_are_refused_at_rcpt()
    {
        await fixture.AddMailboxAsync("known@example.test");
        using var client = await ConnectAsync(chunking: false);
        var unknown = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Message("x@outside.test", "nobody@example.test", "s", "b\r\n")));
        Assert.Equal(SmtpErrorCode.RecipientNotAccepted, unknown.ErrorCode);
        Assert.Equal(550, (int)unknown.StatusCode);
        Assert.Contains("5.1.1", unknown.Message, StringComparison.Ordinal);

        var relay = await Assert.ThrowsAsync<SmtpCommandException>(() => client.SendAsync(Message("x@outside.test", "victim@elsewhere.test", "s", "b\r\n")));
        Assert.Equal(554, (int)relay.StatusCode);
        Assert.Contains("5.7.1", relay.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_full_mailbox_answers_452_and_a_message_over_quota_552()
    {
        var full = await fixture.AddMailboxAsync("quota-full@example.test");
        var small = await fixture.AddMailboxAsync("quota-small@example.test");
        using (var client = await ConnectAsync(chunking: false))
        {
            await client.SendAsync(Message("x@outside.test", full.Address, "first", "fills it\r\n"));
        }

        await fixture.UpdateAsync(async db =>
        {
            (await db.Mailboxes.SingleAsync(m => m.Id == full.Id)).QuotaBytes = 10;
            (await db.Mailboxes.SingleAsync(m => m.Id == small.Id)).QuotaBytes = 600;
        });

        using var again = await ConnectAsync(chunking: false);
        var isFull = await Assert.ThrowsAsync<SmtpCommandException>(() => again.SendAsync(Message("x@outside.test", full.Address, "second", "b\r\n")));
        Assert.Equal(452, (int)isFull.StatusCode);
        Assert.Contains("4.2.2", isFull.Message, StringComparison.Ordinal);

        var tooBig = await Assert.ThrowsAsync<SmtpCommandException>(() => again.SendAsync(Message("x@outside.test", small.Address, "big", new string('x', 2000) + "\r\n")));
        Assert.Equal(552, (int)tooBig.StatusCode);
        Assert.Contains("5.2.2", tooBig.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.InboxAsync(small));
    }

    [Fact]
    public async Task A_declared_size_over_the_limit_is_refused_at_mail_and_an_undeclared_one_after_data()
    {
        var mailbox = await fixture.AddMailboxAsync("oversize@example.test");
        await using var raw = await RawSmtpClient.ConnectAsync(fixture.SmtpPort);
        Assert.StartsWith("250 ", await raw.CommandAsync("EHLO client.test"), StringComparison.Ordinal);
        Assert.StartsWith("552 5.3.4", await raw.CommandAsync("MAIL FROM:<x@outside.test> SIZE=300000"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await raw.CommandAsync("MAIL FROM:<x@outside.test>"), StringComparison.Ordinal);
        Assert.StartsWith("250 ", await raw.CommandAsync($"RCPT TO:<{mailbox.Address}>"), StringComparison.Ordinal);
        Assert.StartsWith("354 ", await raw.CommandAsync("DATA"), StringComparison.Ordinal);
        var line = new string('y', 900) + "\r\n";
        var body = new StringBuilder("Subject: big\r\n\r\n");
        for (var i = 0; i < 250; i++)
        {
            body.Append(line);
        }

        await raw.SendAsync(body + ".\r\n");
        Assert.StartsWith("552 5.3.4", await raw.ReadReplyAsync(), StringComparison.Ordinal);
        Assert.Empty(await fixture.InboxAsync(mailbox));
    }

    private async Task<SmtpClient> ConnectAsync(bool chunking)
    {
        var client = new SmtpClient { Timeout = 15000 };
        await client.ConnectAsync("127.0.0.1", fixture.SmtpPort, SecureSocketOptions.None);
        if (!chunking)
        {
            client.Capabilities &= ~SmtpCapabilities.Chunking;
        }

        return client;
    }

    private static MimeMessage Message(string from, string to, string subject, string body)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    private static byte[] Bytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        message.WriteTo(options, stream);
        return stream.ToArray();
    }
}
