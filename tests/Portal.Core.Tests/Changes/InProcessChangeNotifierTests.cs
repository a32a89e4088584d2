using Portal.Core.Changes;

namespace Portal.Core.Tests.Changes;

public sealed class InProcessChangeNotifierTests
{
    [Fact]
    public void Subscribers_hear_their_mailbox_only_until_they_unsubscribe()
    {
        var notifier = new InProcessChangeNotifier();
        var mine = Guid.NewGuid();
        var other = Guid.NewGuid();
        var heard = new List<long>();
        var subscription = notifier.Subscribe(mine, n => heard.Add(n.ChangeNumber));

        notifier.Publish(new ChangeNotification(mine, Guid.NewGuid(), 5));
        notifier.Publish(new ChangeNotification(other, Guid.NewGuid(), 6));
        subscription.Dispose();
        notifier.Publish(new ChangeNotification(mine, Guid.NewGuid(), 7));

        Assert.Equal([5L], heard);
    }

    [Fact]
    public void Many_subscribers_subscribe_and_leave_concurrently()
    {
        var notifier = new InProcessChangeNotifier();
        var mailbox = Guid.NewGuid();
        var count = 0;
        Parallel.For(0, 1000, _ =>
        {
            using var s = notifier.Subscribe(mailbox, _ => Interlocked.Increment(ref count));
            notifier.Publish(new ChangeNotification(mailbox, mailbox, 1));
        });

        // Each publish reached at least its own subscriber; afterwards nobody is left.
        Assert.True(count >= 1000);
        var before = count;
        notifier.Publish(new ChangeNotification(mailbox, mailbox, 2));
        Assert.Equal(before, count);
    }

    [Fact]
    public void A_publish_reaches_exactly_the_subscribers_present_at_that_moment()
    {
        var notifier = new InProcessChangeNotifier();
        var mailbox = Guid.NewGuid();
        var heard = new List<string>();
        var first = notifier.Subscribe(mailbox, n => heard.Add($"first {n.ChangeNumber}"));
        notifier.Publish(new ChangeNotification(mailbox, mailbox, 1));
        var second = notifier.Subscribe(mailbox, n => heard.Add($"second {n.ChangeNumber}"));
        notifier.Publish(new ChangeNotification(mailbox, mailbox, 2));
        first.Dispose();
        notifier.Publish(new ChangeNotification(mailbox, mailbox, 3));
        second.Dispose();
        second.Dispose();
        notifier.Publish(new ChangeNotification(mailbox, mailbox, 4));

        // The mailbox had no subscriber left; a new one is heard again.
        using var third = notifier.Subscribe(mailbox, n => heard.Add($"third {n.ChangeNumber}"));
        notifier.Publish(new ChangeNotification(mailbox, mailbox, 5));

        // Handlers of one publish run in no set order: compare sorted.
        Assert.Equal(["first 1", "first 2", "second 2", "second 3", "third 5"], heard.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_same_handler_subscribed_twice_is_called_twice_until_each_subscription_leaves()
    {
        var notifier = new InProcessChangeNotifier();
        var mailbox = Guid.NewGuid();
        var count = 0;
        void Handler(ChangeNotification n) => count++;
        var one = notifier.Subscribe(mailbox, Handler);
        using var two = notifier.Subscribe(mailbox, Handler);
        notifier.Publish(new ChangeNotification(mailbox, mailbox, 1));
        one.Dispose();
        notifier.Publish(new ChangeNotification(mailbox, mailbox, 2));

        Assert.Equal(3, count);
    }

    [Fact]
    public void Sessions_leaving_and_coming_back_while_others_publish_are_never_lost()
    {
        // IMAP clients end IDLE after each wake-up and start it again: subscriptions churn while commits publish.
        var notifier = new InProcessChangeNotifier();
        var mailbox = Guid.NewGuid();
        var steady = 0;
        using var listener = notifier.Subscribe(mailbox, _ => Interlocked.Increment(ref steady));
        Parallel.For(0, 2000, i =>
        {
            using var churn = notifier.Subscribe(mailbox, _ => { });
            notifier.Publish(new ChangeNotification(mailbox, mailbox, i));
        });

        Assert.Equal(2000, steady);
    }
}
