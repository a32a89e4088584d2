using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace Portal.Core.Changes;

/// <summary>Fans notifications out to subscribers of the same process. Subscribing and publishing are lock-free reads of an immutable list.</summary>
public sealed class InProcessChangeNotifier : IChangeNotifier
{
    private readonly ConcurrentDictionary<Guid, ImmutableArray<Action<ChangeNotification>>> _subscribers = new();

    public void Publish(ChangeNotification notification)
    {
        if (!_subscribers.TryGetValue(notification.MailboxId, out var handlers))
        {
            return;
        }

        foreach (var handler in handlers)
        {
            handler(notification);
        }
    }

    public IDisposable Subscribe(Guid mailboxId, Action<ChangeNotification> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _subscribers.AddOrUpdate(mailboxId, _ => [handler], (_, list) => list.Add(handler));
        return new Subscription(this, mailboxId, handler);
    }

    private void Unsubscribe(Guid mailboxId, Action<ChangeNotification> handler)
    {
        while (_subscribers.TryGetValue(mailboxId, out var list))
        {
            var updated = list.Remove(handler);
            var done = updated.IsEmpty
                ? _subscribers.TryRemove(new KeyValuePair<Guid, ImmutableArray<Action<ChangeNotification>>>(mailboxId, list))
                : _subscribers.TryUpdate(mailboxId, updated, list);
            if (done)
            {
                return;
            }
        }
    }

    private sealed class Subscription(InProcessChangeNotifier owner, Guid mailboxId, Action<ChangeNotification> handler) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(mailboxId, handler);
            }
        }
    }
}
