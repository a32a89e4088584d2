using System.Diagnostics;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Core.Mail;
using Portal.Protocols.Tests.Smtp;
using Xunit.Abstractions;
using CoreFlags = Portal.Core.Mail.MessageFlags;

namespace Portal.Protocols.Tests.Imap;

/// <summary>
/// IDLE woken by changes that did not come over IMAP: an SMTP delivery on the MX port, and the store calls the web UI
/// makes (mark read, move). Each must reach the IDLE session within one second of being acknowledged.
/// </summary>
public sealed class ImapIdleWakeTests(SmtpHostFixture fixture, ITestOutputHelper output) : IClassFixture<SmtpHostFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Idle_is_woken_within_a_second_of_an_smtp_delivery_being_acknowledged()
    {
        var mailbox = await fixture.AddMailboxAsync("idle-smtp@example.test");
        using var idler = await ConnectImapAsync(mailbox.Address);
        await idler.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var heard = new IdleLog(idler.Inbox);
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var idle = idler.IdleAsync(done.Token);

        long acknowledged;
        using (var smtp = new SmtpClient { Timeout = 15000 })
        {
            await smtp.ConnectAsync("127.0.0.1", fixture.SmtpPort, SecureSocketOptions.None);
            var message = new MimeMessage();
            message.From.Add(MailboxAddress.Parse("sender@outside.test"));
            message.To.Add(MailboxAddress.Parse(mailbox.Address));
            message.Subject = "wake up over smtp";
            message.Body = new TextPart("plain") { Text = "Hello\r\n" };
            Assert.Contains("queued as", await smtp.SendAsync(message), StringComparison.Ordinal);
            acknowledged = Stopwatch.GetTimestamp();
            await smtp.DisconnectAsync(true);
        }

        var after = await heard.WaitForAsync("count 1", acknowledged);
        await done.CancelAsync();
        await idle;
        output.WriteLine($"SMTP 250 to IDLE EXISTS: {after.TotalMilliseconds:F1} ms");
        Assert.True(after < Limit, $"EXISTS came {after.TotalMilliseconds:F0} ms after the 250");
        Assert.Equal("wake up over smtp", (await idler.Inbox.FetchAsync(0, 0, MessageSummaryItems.Envelope))[0].Envelope!.Subject);
    }

    [Fact]
    public async Task Idle_is_woken_within_a_second_by_the_web_uis_mark_read_and_move()
    {
        var mailbox = await fixture.AddMailboxAsync("idle-web@example.test");
        var store = fixture.Host.Services.GetRequiredService<IMessageStore>();
        var inbox = (await store.FindFolderAsync(mailbox.Id, FolderRole.Inbox))!;
        var archive = (await store.FindFolderAsync(mailbox.Id, FolderRole.Archive))!;
        for (var i = 1; i <= 2; i++)
        {
            var raw = System.Text.Encoding.UTF8.GetBytes($"From: a@example.test\r\nSubject: web {i}\r\n\r\nbody {i}\r\n");
            await store.AppendAsync(inbox.Id, new Portal.Core.Mail.AppendRequest(new MemoryStream(raw)));
        }

        using var idler = await ConnectImapAsync(mailbox.Address);
        await idler.Inbox.OpenAsync(FolderAccess.ReadOnly);
        Assert.Equal(2, idler.Inbox.Count);
        var heard = new IdleLog(idler.Inbox);
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var idle = idler.IdleAsync(done.Token);

        // The webmail opens message 1 (marks it read), then archives message 2: the same store calls, same process.
        await store.SetFlagsAsync(inbox.Id, [1], CoreFlags.Seen, FlagChangeMode.Add);
        var read = await heard.WaitForAsync("flags 0 Seen", Stopwatch.GetTimestamp());
        await store.MoveAsync(inbox.Id, [2], archive.Id);
        var moved = await heard.WaitForAsync("expunged 1", Stopwatch.GetTimestamp());
        await done.CancelAsync();
        await idle;

        output.WriteLine($"mark read to FETCH: {read.TotalMilliseconds:F1} ms; move to EXPUNGE: {moved.TotalMilliseconds:F1} ms");
        Assert.True(read < Limit, $"FETCH FLAGS came {read.TotalMilliseconds:F0} ms after the store change");
        Assert.True(moved < Limit, $"EXPUNGE came {moved.TotalMilliseconds:F0} ms after the store change");
        Assert.Equal(1, idler.Inbox.Count);
    }

    private async Task<ImapClient> ConnectImapAsync(string address)
    {
        var client = new ImapClient { Timeout = 15000 };
        await client.ConnectAsync("127.0.0.1", fixture.Port("Imap"), SecureSocketOptions.None);
        await client.AuthenticateAsync(address, SmtpHostFixture.Password);
        return client;
    }
}
