using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Core.Delivery;
using Portal.Core.Delivery.Forwarding;
using Portal.Core.Delivery.Rules;
using Portal.Core.Mail;
using Portal.Core.Tenancy;

namespace Portal.Protocols.Tests.Smtp;

/// <summary>
/// Per-mailbox rules applied at delivery, over real SMTP to the real host: forwarding with SRS to a loopback remote MX
/// (copy kept or not), bounces back through SRS, forged and expired SRS refused, vacation replies (RFC 3834) and filters.
/// </summary>
public sealed class DeliveryRulesTests(OutboundHostFixture fixture) : IClassFixture<OutboundHostFixture>
{
    private SmtpHostFixture Smtp => fixture.Smtp;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Forwarding_rewrites_the_sender_with_srs_and_keeps_a_copy_only_when_asked(bool keepCopy)
    {
        var mailbox = await Smtp.AddMailboxAsync($"fwd-{keepCopy}@example.test".ToLowerInvariant());
        var target = $"away-{keepCopy}@remote.test".ToLowerInvariant();
        await SaveRulesAsync(new MailboxRules { MailboxId = mailbox.Id, ForwardTo = target, ForwardKeepCopy = keepCopy });

        await SendAsync("writer@origin.test", mailbox.Address, "Forward this");

        var received = await WaitForAsync(() => fixture.Mx.Received.FirstOrDefault(r => r.Recipients.Contains(target)));
        Assert.StartsWith("SRS0=", received.Sender, StringComparison.Ordinal);
        Assert.EndsWith("=origin.test=writer@example.test", received.Sender, StringComparison.Ordinal);
        Assert.Contains($"X-Portal-Forwarded: {mailbox.Address}", received.Data, StringComparison.Ordinal);
        Assert.Contains("Subject: Forward this", received.Data, StringComparison.Ordinal);
        Assert.Equal(keepCopy ? 1 : 0, (await Smtp.InboxAsync(mailbox)).Count);
    }

    [Theory]
    [InlineData("author@first.test", "fwd-bounce@example.test")]
    [InlineData("the.original.author.of.this.message@mail.first-long-domain.test", "fwd-bounce-long@example.test")]
    public async Task A_bounce_to_a_valid_srs_address_goes_back_to_the_original_sender(string author, string address)
    {
        var mailbox = await Smtp.AddMailboxAsync(address);
        var gone = "gone-" + address.Split('@')[0] + "@remote.test";
        await SaveRulesAsync(new MailboxRules { MailboxId = mailbox.Id, ForwardTo = gone, ForwardKeepCopy = false });
        await SendAsync(author, mailbox.Address, "Will come back");
        var forwarded = await WaitForAsync(() => fixture.Mx.Received.FirstOrDefault(r => r.Recipients.Contains(gone)));

        // The remote side bounces to the rewritten sender with the null reverse-path.
        await using (var raw = await RawSmtpClient.ConnectAsync(Smtp.SmtpPort))
        {
            Assert.StartsWith("250", await raw.CommandAsync("EHLO remote.test"), StringComparison.Ordinal);
            Assert.StartsWith("250", await raw.CommandAsync("MAIL FROM:<>"), StringComparison.Ordinal);
            Assert.StartsWith("250", await raw.CommandAsync($"RCPT TO:<{forwarded.Sender}>"), StringComparison.Ordinal);
            Assert.StartsWith("354", await raw.CommandAsync("DATA"), StringComparison.Ordinal);
            Assert.StartsWith("250", await raw.CommandAsync("From: MAILER-DAEMON@remote.test\r\nSubject: Undelivered: Will come back\r\n\r\nNo such user.\r\n."), StringComparison.Ordinal);
        }

        var bounce = await WaitForAsync(() => fixture.Mx.Received.FirstOrDefault(r => r.Recipients.Contains(author)));
        Assert.Equal(string.Empty, bounce.Sender);
        Assert.Contains("Subject: Undelivered: Will come back", bounce.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Re_forwarding_another_forwarders_srs0_sender_uses_srs1_and_its_bounce_goes_to_that_forwarder()
    {
        var mailbox = await Smtp.AddMailboxAsync("fwd-srs1@example.test");
        await SaveRulesAsync(new MailboxRules { MailboxId = mailbox.Id, ForwardTo = "final@remote.test", ForwardKeepCopy = false });
        const string FirstHop = "SRS0=ABCDEFGH=ZZ=origin.test=writer@first.test";
        await SendAsync(FirstHop, mailbox.Address, "Forwarded twice");
        var forwarded = await WaitForAsync(() => fixture.Mx.Received.FirstOrDefault(r => r.Recipients.Contains("final@remote.test")));
        Assert.Matches("^SRS1=[A-Z2-7]{8}=first.test==ABCDEFGH=ZZ=origin.test=writer@example.test$", forwarded.Sender);

        // The final hop bounces: the bounce goes to the first forwarder's SRS0 address, not wrapped again.
        await using (var raw = await RawSmtpClient.ConnectAsync(Smtp.SmtpPort))
        {
            Assert.StartsWith("250", await raw.CommandAsync("EHLO remote.test"), StringComparison.Ordinal);
            Assert.StartsWith("250", await raw.CommandAsync("MAIL FROM:<>"), StringComparison.Ordinal);
            Assert.StartsWith("550 5.7.1", await raw.CommandAsync($"RCPT TO:<SRS1=AAAAAAAA{forwarded.Sender[13..]}>"), StringComparison.Ordinal);
            Assert.StartsWith("250", await raw.CommandAsync($"RCPT TO:<{forwarded.Sender}>"), StringComparison.Ordinal);
            Assert.StartsWith("354", await raw.CommandAsync("DATA"), StringComparison.Ordinal);
            Assert.StartsWith("250", await raw.CommandAsync("From: MAILER-DAEMON@remote.test\r\nSubject: Undelivered: Forwarded twice\r\n\r\nNo such user.\r\n."), StringComparison.Ordinal);
        }

        var bounce = await WaitForAsync(() => fixture.Mx.Received.FirstOrDefault(r => r.Recipients.Contains(FirstHop)));
        Assert.Equal(string.Empty, bounce.Sender);
        Assert.Contains("Subject: Undelivered: Forwarded twice", bounce.Data, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_and_expired_srs_addresses_are_refused_with_550()
    {
        await Smtp.AddMailboxAsync("srs-check@example.test");
        var srs = Smtp.Host.Services.GetRequiredService<SrsAddress>();
        var expired = srs.Rewrite("someone@elsewhere.test", "example.test", DateTimeOffset.UtcNow.AddDays(-30));
        var fresh = srs.Rewrite("someone@elsewhere.test", "example.test", DateTimeOffset.UtcNow);
        var forged = "SRS0=AAAA" + fresh[9..];
        Assert.NotEqual(fresh, forged);

        await using var raw = await RawSmtpClient.ConnectAsync(Smtp.SmtpPort);
        Assert.StartsWith("250", await raw.CommandAsync("EHLO remote.test"), StringComparison.Ordinal);
        Assert.StartsWith("250", await raw.CommandAsync("MAIL FROM:<>"), StringComparison.Ordinal);
        Assert.StartsWith("550 5.7.1", await raw.CommandAsync($"RCPT TO:<{forged}>"), StringComparison.Ordinal);
        Assert.StartsWith("550 5.7.1", await raw.CommandAsync($"RCPT TO:<{expired}>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await raw.CommandAsync($"RCPT TO:<{fresh.ToLowerInvariant()}>"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vacation_reply_goes_once_per_sender_and_never_to_lists_automatic_mail_or_the_null_sender()
    {
        var mailbox = await Smtp.AddMailboxAsync("holiday@example.test");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await SaveRulesAsync(new MailboxRules
        {
            MailboxId = mailbox.Id,
            VacationEnabled = true,
            VacationFrom = today.AddDays(-1),
            VacationUntil = today.AddDays(1),
            VacationSubject = "Away until Monday",
            VacationBody = "I am away.",
            VacationIntervalDays = 7,
        });

        await SendAsync("friend@far.test", mailbox.Address, "Lunch?");
        await SendAsync("friend@far.test", mailbox.Address, "Lunch? (again)");
        await SendAsync("news@list.test", mailbox.Address, "Digest", m => m.Headers.Add("List-Id", "<news.list.test>"));
        await SendAsync("robot@auto.test", mailbox.Address, "Report", m => m.Headers.Add(HeaderId.AutoSubmitted, "auto-generated"));
        await SendAsync("bulk@bulk.test", mailbox.Address, "Offer", m => m.Headers.Add("Precedence", "bulk"));
        await SendAsync(mailbox.Address, mailbox.Address, "Note to self");
        await using (var raw = await RawSmtpClient.ConnectAsync(Smtp.SmtpPort))
        {
            Assert.StartsWith("250", await raw.CommandAsync("EHLO remote.test"), StringComparison.Ordinal);
            Assert.StartsWith("250", await raw.CommandAsync("MAIL FROM:<>"), StringComparison.Ordinal);
            Assert.StartsWith("250", await raw.CommandAsync($"RCPT TO:<{mailbox.Address}>"), StringComparison.Ordinal);
            Assert.StartsWith("354", await raw.CommandAsync("DATA"), StringComparison.Ordinal);
            Assert.StartsWith("250", await raw.CommandAsync("From: friend@far.test\r\nSubject: A bounce\r\n\r\nbody\r\n."), StringComparison.Ordinal);
        }

        // Replies are queued before the 250, so the queue already holds every reply there will be.
        var replies = (await QueueAsync()).Where(r => r.Message.Sender.Length == 0 && r.Recipient.Address is "friend@far.test" or "news@list.test" or "robot@auto.test" or "bulk@bulk.test").ToList();
        var reply = Assert.Single(replies);
        Assert.Equal("friend@far.test", reply.Recipient.Address);
        Assert.Equal(7, (await Smtp.InboxAsync(mailbox)).Count);

        var sent = await WaitForAsync(() => fixture.Mx.Received.FirstOrDefault(r => r.Recipients.Contains("friend@far.test")));
        Assert.Equal(string.Empty, sent.Sender);
        Assert.Contains("Auto-Submitted: auto-replied", sent.Data, StringComparison.Ordinal);
        Assert.Contains("Subject: Away until Monday", sent.Data, StringComparison.Ordinal);
        Assert.Contains("In-Reply-To: <", sent.Data, StringComparison.Ordinal);
        Assert.Contains("I am away.", sent.Data, StringComparison.Ordinal);

        // The store keeps who got a reply: the same sender gets none while the interval runs.
        var rules = Smtp.Host.Services.GetRequiredService<IMailboxRulesStore>();
        Assert.False(await rules.RecordVacationReplyAsync(mailbox.Id, "friend@far.test", DateTime.UtcNow, TimeSpan.FromDays(7)));
        Assert.True(await rules.RecordVacationReplyAsync(mailbox.Id, "friend@far.test", DateTime.UtcNow.AddDays(8), TimeSpan.FromDays(7)));
    }

    [Fact]
    public async Task No_vacation_reply_outside_its_dates()
    {
        var mailbox = await Smtp.AddMailboxAsync("later@example.test");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await SaveRulesAsync(new MailboxRules { MailboxId = mailbox.Id, VacationEnabled = true, VacationFrom = today.AddDays(2), VacationUntil = today.AddDays(9), VacationBody = "Away." });

        await SendAsync("early@far.test", mailbox.Address, "Before the holiday");

        Assert.DoesNotContain(await QueueAsync(), r => r.Recipient.Address == "early@far.test");
        Assert.Single(await Smtp.InboxAsync(mailbox));
    }

    [Fact]
    public async Task Filters_move_flag_and_delete_to_trash_and_the_first_matching_rule_wins()
    {
        var mailbox = await Smtp.AddMailboxAsync("sorted@example.test");
        await SaveRulesAsync(new MailboxRules
        {
            MailboxId = mailbox.Id,
            Filters =
            [
                new FilterRule { Field = FilterField.From, Contains = "BOSS@", Action = FilterAction.Flag },
                new FilterRule { Field = FilterField.Subject, Contains = "newsletter", Action = FilterAction.Move, Folder = "Archive" },
                new FilterRule { Field = FilterField.To, Contains = "sorted@", Action = FilterAction.Delete },
            ],
        });

        await SendAsync("boss@work.test", mailbox.Address, "Newsletter from the boss");
        await SendAsync("shop@news.test", mailbox.Address, "Weekly newsletter");
        await SendAsync("anyone@else.test", mailbox.Address, "Anything else");

        var store = Smtp.Host.Services.GetRequiredService<IMessageStore>();
        var inbox = Assert.Single(await Smtp.InboxAsync(mailbox));
        Assert.Equal("Newsletter from the boss", inbox.Subject);
        Assert.True(inbox.Flags.HasFlag(MessageFlags.Flagged));
        var archive = await store.FindFolderAsync(mailbox.Id, FolderRole.Archive);
        Assert.Equal("Weekly newsletter", Assert.Single(await store.ListMessagesAsync(archive!.Id)).Subject);
        var trash = await store.FindFolderAsync(mailbox.Id, FolderRole.Trash);
        Assert.Equal("Anything else", Assert.Single(await store.ListMessagesAsync(trash!.Id)).Subject);
    }

    [Fact]
    public async Task A_rule_saved_between_two_deliveries_applies_to_the_second_at_once()
    {
        // The first delivery leaves "no rules" for this mailbox in the store's cache; the save must drop it.
        var mailbox = await Smtp.AddMailboxAsync("changing@example.test");
        await SendAsync("friend@else.test", mailbox.Address, "Before the rule");
        await SaveRulesAsync(new MailboxRules
        {
            MailboxId = mailbox.Id,
            Filters = [new FilterRule { Field = FilterField.Subject, Contains = "after", Action = FilterAction.Move, Folder = "Archive" }],
        });
        await SendAsync("friend@else.test", mailbox.Address, "After the rule");

        // And a change back applies as soon, too.
        await SaveRulesAsync(new MailboxRules { MailboxId = mailbox.Id });
        await SendAsync("friend@else.test", mailbox.Address, "After the rule was removed");

        var store = Smtp.Host.Services.GetRequiredService<IMessageStore>();
        Assert.Equal(["After the rule was removed", "Before the rule"], (await Smtp.InboxAsync(mailbox)).Select(m => m.Subject).Order(StringComparer.Ordinal));
        var archive = await store.FindFolderAsync(mailbox.Id, FolderRole.Archive);
        Assert.Equal("After the rule", Assert.Single(await store.ListMessagesAsync(archive!.Id)).Subject);
    }

    [Fact]
    public async Task Rules_apply_to_mail_sent_from_the_web_too()
    {
        var sender = await Smtp.AddMailboxAsync("web-writer@example.test");
        var mailbox = await Smtp.AddMailboxAsync("web-reader@example.test");
        await SaveRulesAsync(new MailboxRules
        {
            MailboxId = mailbox.Id,
            Filters = [new FilterRule { Field = FilterField.Subject, Contains = "invoice", Action = FilterAction.Move, Folder = "Archive" }],
        });

        var message = Message(sender.Address, mailbox.Address, "Your invoice");
        var result = await Smtp.Host.Services.GetRequiredService<ISubmissionService>().SubmitAsync(sender.Id, message);

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(await Smtp.InboxAsync(mailbox));
        var store = Smtp.Host.Services.GetRequiredService<IMessageStore>();
        var archive = await store.FindFolderAsync(mailbox.Id, FolderRole.Archive);
        Assert.Equal("Your invoice", Assert.Single(await store.ListMessagesAsync(archive!.Id)).Subject);
    }

    [Fact]
    public async Task Two_mailboxes_forwarding_to_each_other_do_not_loop()
    {
        var first = await Smtp.AddMailboxAsync("loop-a@example.test");
        var second = await Smtp.AddMailboxAsync("loop-b@example.test");
        await SaveRulesAsync(new MailboxRules { MailboxId = first.Id, ForwardTo = second.Address, ForwardKeepCopy = false });
        await SaveRulesAsync(new MailboxRules { MailboxId = second.Id, ForwardTo = first.Address, ForwardKeepCopy = false });

        await SendAsync("looper@far.test", first.Address, "Round and round");

        // a forwards to b, b forwards back to a, and a (already on the trace) keeps it.
        var kept = Assert.Single(await Smtp.InboxAsync(first));
        Assert.Equal("Round and round", kept.Subject);
        Assert.Empty(await Smtp.InboxAsync(second));
    }

    [Fact]
    public async Task Invalid_rules_are_refused_with_reasons()
    {
        var mailbox = await Smtp.AddMailboxAsync("careless@example.test");
        var rules = Smtp.Host.Services.GetRequiredService<IMailboxRulesStore>();

        var problems = await rules.SaveAsync(new MailboxRules
        {
            MailboxId = mailbox.Id,
            ForwardTo = mailbox.Address,
            VacationEnabled = true,
            Filters = [new FilterRule { Field = FilterField.Subject, Contains = " ", Action = FilterAction.Move }],
        });

        Assert.Contains(problems, p => p.Contains("own address", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("auto-reply's text", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Rule 1", StringComparison.Ordinal));
        Assert.Null((await rules.GetAsync(mailbox.Id)).ForwardTo);
    }

    private async Task SaveRulesAsync(MailboxRules rules) =>
        Assert.Empty(await Smtp.Host.Services.GetRequiredService<IMailboxRulesStore>().SaveAsync(rules));

    private async Task SendAsync(string from, string to, string subject, Action<MimeMessage>? change = null)
    {
        var message = Message(from, to, subject);
        change?.Invoke(message);
        using var client = new SmtpClient { Timeout = 15000 };
        await client.ConnectAsync("127.0.0.1", Smtp.SmtpPort, SecureSocketOptions.None);
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    private async Task<IReadOnlyList<(OutboundMessage Message, OutboundRecipient Recipient)>> QueueAsync() =>
        await Smtp.Host.Services.GetRequiredService<IOutboundQueue>().ListAsync(1000);

    private static async Task<T> WaitForAsync<T>(Func<T?> probe, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (probe() is { } found && !found.Equals(default(T)))
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting.");
            await Task.Delay(100);
        }
    }

    private static MimeMessage Message(string from, string to, string subject)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId("origin.test");
        message.Body = new TextPart("plain") { Text = "Hello\r\n" };
        return message;
    }
}
