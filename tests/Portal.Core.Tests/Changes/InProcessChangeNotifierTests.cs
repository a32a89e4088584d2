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
}
