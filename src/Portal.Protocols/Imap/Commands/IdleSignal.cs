namespace Portal.Protocols.Imap.Commands;

/// <summary>
/// What an IDLE loop waits for: the newest change number the notifier reported (older ones are covered by it, since a
/// session reads every change after what it knows) or the end of IDLE (the client's line arrived, or the read ended).
/// One small task per wait instead of a channel, a task wrapper and a WhenAny per wake-up: one commit wakes thousands
/// of these at once.
/// </summary>
internal sealed class IdleSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _waiter;
    private long? _pending;
    private bool _stopped;

    /// <summary>Called by the change notifier (must not block): remembers the newest change number and wakes the loop.</summary>
    public void Notify(long changeNumber)
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _pending = Math.Max(_pending ?? long.MinValue, changeNumber);
            (waiter, _waiter) = (_waiter, null);
        }

        waiter?.TrySetResult();
    }

    /// <summary>Ends the waiting for good; a change not yet taken is dropped (the tagged reply's updates cover it).</summary>
    public void Stop()
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            _stopped = true;
            (waiter, _waiter) = (_waiter, null);
        }

        waiter?.TrySetResult();
    }

    /// <summary>The newest change number notified since the last call, waiting for one; null once stopped.</summary>
    public async Task<long?> NextAsync()
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_stopped)
                {
                    return null;
                }

                if (_pending is { } changeNumber)
                {
                    _pending = null;
                    return changeNumber;
                }

                // Continuations run on the thread pool, not inside the notifier's loop over every subscriber.
                _waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                wait = _waiter.Task;
            }

            await wait.ConfigureAwait(false);
        }
    }
}
