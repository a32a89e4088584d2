namespace Portal.Core.Changes;

/// <summary>
/// Tells listeners (IMAP IDLE, EAS Ping, open browser circuits) that a collection changed. In-process by default;
/// a multi-node deployment swaps in one backed by Redis or PostgreSQL NOTIFY.
/// </summary>
public interface IChangeNotifier
{
    void Publish(ChangeNotification notification);

    /// <summary>Calls <paramref name="handler"/> for every change in the mailbox until the subscription is disposed. Handlers must not block.</summary>
    IDisposable Subscribe(Guid mailboxId, Action<ChangeNotification> handler);
}
