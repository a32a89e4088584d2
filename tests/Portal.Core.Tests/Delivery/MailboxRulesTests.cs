using MimeKit;
using Portal.Core.Delivery.Rules;
using Portal.Core.Mail;

namespace Portal.Core.Tests.Delivery;

public sealed class MailboxRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_first_matching_filter_decides_and_delete_means_trash()
    {
        var rules = new MailboxRules
        {
            Filters =
            [
                new FilterRule { Field = FilterField.Subject, Contains = "INVOICE", Action = FilterAction.Delete },
                new FilterRule { Field = FilterField.From, Contains = "shop", Action = FilterAction.Move, Folder = "Shopping" },
            ],
        };

        var first = MailboxDisposition.Decide(rules, Facts("From: Shop <sales@shop.test>\r\nSubject: Your invoice\r\n"));
        var second = MailboxDisposition.Decide(rules, Facts("From: Shop <sales@shop.test>\r\nSubject: Offers\r\n"));
        var none = MailboxDisposition.Decide(rules, Facts("From: friend@home.test\r\nSubject: Hi\r\n"));

        Assert.Equal(FolderRole.Trash, first.Role);
        Assert.Equal("Shopping", second.FolderName);
        Assert.Same(MailboxDisposition.Inbox, none);
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-generated\r\n", true)]
    [InlineData("Auto-Submitted: no\r\n", false)]
    [InlineData("Precedence: bulk\r\n", true)]
    [InlineData("Precedence: list\r\n", true)]
    [InlineData("List-Id: <news.example.test>\r\n", true)]
    [InlineData("List-Unsubscribe: <mailto:leave@example.test>\r\n", true)]
    [InlineData("", false)]
    public void Automatic_and_list_mail_gets_no_vacation_reply(string header, bool automatic)
    {
        var facts = Facts($"From: a@b.test\r\nSubject: x\r\n{header}");
        var rules = new MailboxRules { VacationEnabled = true, VacationBody = "Away" };

        Assert.Equal(automatic, facts.Automatic);
        Assert.Equal(!automatic, VacationReply.IsDue(rules, facts, "a@b.test", ["me@here.test"], Now));
    }

    [Fact]
    public void No_vacation_reply_to_the_null_sender_own_addresses_daemons_or_outside_the_dates()
    {
        var facts = Facts("From: a@b.test\r\nSubject: x\r\n");
        var rules = new MailboxRules { VacationEnabled = true, VacationFrom = new DateOnly(2026, 11, 27), VacationUntil = new DateOnly(2026, 11, 27) };

        Assert.True(VacationReply.IsDue(rules, facts, "a@b.test", ["me@here.test"], Now));
        Assert.False(VacationReply.IsDue(rules, facts, string.Empty, ["me@here.test"], Now));
        Assert.False(VacationReply.IsDue(rules, facts, "ME@here.test", ["me@here.test"], Now));
        Assert.False(VacationReply.IsDue(rules, facts, "MAILER-DAEMON@b.test", ["me@here.test"], Now));
        Assert.False(VacationReply.IsDue(rules, facts, "list-request@b.test", ["me@here.test"], Now));
        Assert.False(VacationReply.IsDue(rules, facts, "a@b.test", ["me@here.test"], Now.AddDays(1)));
    }

    [Fact]
    public void The_reply_is_marked_auto_replied_and_threaded_to_the_original()
    {
        var facts = Facts("From: a@b.test\r\nSubject: Lunch\r\nMessage-ID: <m2@b.test>\r\nReferences: <m1@b.test>\r\n");
        var reply = VacationReply.Build(new MailboxRules { VacationBody = "Away" }, "me@here.test", null, facts, "a@b.test", Now);

        Assert.Equal("auto-replied", reply.Headers[HeaderId.AutoSubmitted]);
        Assert.Equal("m2@b.test", reply.InReplyTo);
        Assert.Equal(["m1@b.test", "m2@b.test"], reply.References.ToArray());
        Assert.Equal("Auto: Lunch", reply.Subject);
        Assert.Equal("a@b.test", reply.To.Mailboxes.Single().Address);
    }

    private static MessageFacts Facts(string headers)
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(headers + "\r\nbody\r\n"));
        return MessageFacts.Read(HeaderList.Load(stream));
    }
}
