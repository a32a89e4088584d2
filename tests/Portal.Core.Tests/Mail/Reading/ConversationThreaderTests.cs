using Portal.Core.Mail.Reading;

namespace Portal.Core.Tests.Mail.Reading;

public sealed class ConversationThreaderTests
{
    private static readonly DateTime Start = new(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Replies_join_their_thread_by_references_and_threads_are_ordered_by_newest_message()
    {
        var plan = Keys("plan@x", null, null, "Plan", 0);
        var other = Keys("other@x", null, null, "Lunch?", 1);
        var reply = Keys("reply@x", "<plan@x>", "<plan@x>", "Re: Plan", 2);
        var second = Keys("second@x", "reply@x", "<plan@x> <reply@x>", "Re: Re: Plan", 3);

        var order = ConversationThreader.Order([plan, other, reply, second]);

        Assert.Equal([second.MessageId, reply.MessageId, plan.MessageId, other.MessageId], order.Select(e => e.MessageId));
        Assert.Equal([3, 3, 3, 1], order.Select(e => e.ConversationSize));
        Assert.Equal([true, false, false, true], order.Select(e => e.FirstInConversation));
        Assert.Equal(order[0].Conversation, order[2].Conversation);
        Assert.NotEqual(order[0].Conversation, order[3].Conversation);
    }

    [Fact]
    public void A_reply_whose_parent_is_missing_joins_by_subject_but_plain_subjects_never_merge()
    {
        var first = Keys("a@x", null, null, "Weekly report", 0);
        var again = Keys("b@x", null, null, "Weekly report", 1);
        var orphan = Keys("c@x", "<gone@x>", "<gone@x>", "AW: Re[2]: weekly REPORT", 2);
        var fwd = Keys("d@x", null, null, "Fwd: Budget", 3);
        var fwdReply = Keys("e@x", null, null, "Re: Fwd: Budget", 4);

        var order = ConversationThreader.Order([first, again, orphan, fwd, fwdReply]);
        var conversationOf = order.ToDictionary(e => e.MessageId, e => e.Conversation);

        Assert.NotEqual(conversationOf[first.MessageId], conversationOf[again.MessageId]);
        Assert.Contains(conversationOf[orphan.MessageId], new[] { conversationOf[first.MessageId], conversationOf[again.MessageId] });
        Assert.Equal(conversationOf[fwd.MessageId], conversationOf[fwdReply.MessageId]);
        Assert.Equal(5, order.Count);
    }

    [Theory]
    [InlineData("Re: Hello", "Hello", true)]
    [InlineData("RE:re: Hello", "Hello", true)]
    [InlineData("Fwd: SV: Hello", "Hello", true)]
    [InlineData("Re[3]: Hello", "Hello", true)]
    [InlineData("Hello", "Hello", false)]
    [InlineData("Regarding: Hello", "Regarding: Hello", false)]
    public void Subjects_lose_reply_prefixes(string subject, string expected, bool isReply) =>
        Assert.Equal((expected, isReply), ConversationThreader.NormalizeSubject(subject));

    private static ThreadingKeys Keys(string id, string? inReplyTo, string? references, string subject, int minutes) =>
        new(Guid.NewGuid(), id, inReplyTo, references, subject, Start.AddMinutes(minutes));
}
