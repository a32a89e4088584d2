using System.Collections.Concurrent;

namespace Portal.Protocols.Pop3.Session;

/// <summary>
/// RFC 1939 §8: a POP3 session holds an exclusive lock on its maildrop from PASS to the end of the session, so two
/// sessions cannot number and DELE the same Inbox at once. In-process: with several nodes, each node locks its own.
/// </summary>
public sealed class MaildropLocks
{
    private readonly ConcurrentDictionary<Guid, string> _holders = new();

    /// <summary>Takes the lock for <paramref name="mailboxId"/>; false when another session holds it.</summary>
    public bool TryAcquire(Guid mailboxId, string connectionId) => _holders.TryAdd(mailboxId, connectionId);

    public void Release(Guid mailboxId, string connectionId) =>
        _holders.TryRemove(new KeyValuePair<Guid, string>(mailboxId, connectionId));
}
