using System.Collections.Concurrent;

namespace Portal.Core.Changes;

/// <summary>
/// Fans notifications out to subscribers of the same process. Subscribing and leaving are O(1) under a per-mailbox
/// lock; a publish calls the handlers from an array snapshot (outside the lock) that is rebuilt only after the
/// subscribers changed. Reason: thousands of IMAP sessions IDLE on one mailbox and re-IDLE after every wake-up, and
/// copying an immutable list of all of them on every subscribe was quadratic.
/// </summary>
public sealed class InProcessChangeNotifier : IChangeNotifier
{
    private readonly ConcurrentDictionary<Guid, Subscribers> _mailboxes = new();

    public void Publish(ChangeNotification notification)
    {
        if (!_mailboxes.TryGetValue(notification.MailboxId, out var subscribers))
        {
            return;
        }

        foreach (var subscription in subscribers.Snapshot())
        {
            subscription.Handler(notification);
        }
    }

    public IDisposable Subscribe(Guid mailboxId, Action<ChangeNotification> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, mailboxId, handler);
        while (!_mailboxes.GetOrAdd(mailboxId, _ => new Subscribers()).TryAdd(subscription))
        {
            // That mailbox's last subscriber just left and its entry is being removed: add to a fresh one.
        }

        return subscription;
    }

    private void Unsubscribe(Subscription subscription)
    {
        if (_mailboxes.TryGetValue(subscription.MailboxId, out var subscribers) && subscribers.RemoveAndCloseIfEmpty(subscription))
        {
            _mailboxes.TryRemove(new KeyValuePair<Guid, Subscribers>(subscription.MailboxId, subscribers));
        }
    }

    /// <summary>One mailbox's subscribers; once emptied it is closed and never reused (a new subscriber makes a new one).</summary>
    private sealed class Subscribers
    {
        private readonly Lock _lock = new();
        private readonly HashSet<Subscription> _members = [];
        private Subscription[]? _snapshot;
        private bool _closed;

        public bool TryAdd(Subscription subscription)
        {
            lock (_lock)
            {
                if (_closed)
                {
                    return false;
                }

                _members.Add(subscription);
                _snapshot = null;
                return true;
            }
        }

        /// <summary>Removes the subscription; true when that left the mailbox without subscribers (the entry is then closed).</summary>
        public bool RemoveAndCloseIfEmpty(Subscription subscription)
        {
            lock (_lock)
            {
                if (_members.Remove(subscription))
                {
                    _snapshot = null;
                }

                _closed = _members.Count == 0;
                return _closed;
            }
        }

        public Subscription[] Snapshot()
        {
            lock (_lock)
            {
                return _snapshot ??= [.. _members];
            }
        }
    }

    private sealed class Subscription(InProcessChangeNotifier owner, Guid mailboxId, Action<ChangeNotification> handler) : IDisposable
    {
        private int _disposed;

        public Guid MailboxId { get; } = mailboxId;

        public Action<ChangeNotification> Handler { get; } = handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(this);
            }
        }
    }
}
