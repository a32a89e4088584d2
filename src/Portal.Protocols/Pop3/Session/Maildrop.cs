using System.Globalization;
using Portal.Core.Mail;

namespace Portal.Protocols.Pop3.Session;

/// <summary>
/// The Inbox as this session numbered it at PASS (RFC 1939 §5): numbers stay fixed for the session, DELE only
/// marks, and marks are applied at QUIT. UIDL is UIDVALIDITY.UID, so it is stable across sessions.
/// </summary>
public sealed class Maildrop(Guid folderId, long uidValidity, IReadOnlyList<MessageSummary> messages, bool leaveOnServer)
{
    private readonly HashSet<int> _deleted = [];
    private readonly HashSet<int> _retrieved = [];

    public Guid FolderId { get; } = folderId;

    public bool LeaveOnServer { get; } = leaveOnServer;

    public int Count => messages.Count;

    /// <summary>The message with number <paramref name="number"/> (1-based), or null when it does not exist or is marked deleted.</summary>
    public MessageSummary? Get(int number) =>
        number >= 1 && number <= messages.Count && !_deleted.Contains(number) ? messages[number - 1] : null;

    public IEnumerable<(int Number, MessageSummary Message)> Live() =>
        messages.Select((m, i) => (i + 1, m)).Where(p => !_deleted.Contains(p.Item1));

    public string UniqueId(MessageSummary message) =>
        uidValidity.ToString(CultureInfo.InvariantCulture) + "." + message.Uid.ToString(CultureInfo.InvariantCulture);

    public void Delete(int number) => _deleted.Add(number);

    public void Retrieved(int number) => _retrieved.Add(number);

    public void Reset()
    {
        _deleted.Clear();
        _retrieved.Clear();
    }

    /// <summary>The UIDs to remove at QUIT: the DELEted ones, and, without leave-on-server, the retrieved ones too.</summary>
    public IReadOnlyCollection<long> ToRemove() =>
        messages.Select((m, i) => (Number: i + 1, m.Uid))
            .Where(p => _deleted.Contains(p.Number) || (!LeaveOnServer && _retrieved.Contains(p.Number)))
            .Select(p => p.Uid).ToList();
}
