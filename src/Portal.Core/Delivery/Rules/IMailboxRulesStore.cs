namespace Portal.Core.Delivery.Rules;

/// <summary>The per-mailbox delivery rules (forwarding, vacation, filters) and the vacation reply log.</summary>
public interface IMailboxRulesStore
{
    /// <summary>The mailbox's rules, or a fresh default set when it has none.</summary>
    Task<MailboxRules> GetAsync(Guid mailboxId, CancellationToken cancellationToken = default);

    /// <summary>Validates and saves; returns the problems (nothing saved) or an empty list.</summary>
    Task<IReadOnlyList<string>> SaveAsync(MailboxRules rules, CancellationToken cancellationToken = default);

    /// <summary>The rules of those mailboxes that have any, in one query.</summary>
    Task<IReadOnlyDictionary<Guid, MailboxRules>> FindAsync(IReadOnlyCollection<Guid> mailboxIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a vacation reply to <paramref name="sender"/> unless one was sent within <paramref name="interval"/>;
    /// true when the caller should send it. Persisted, so a restart does not reply twice.
    /// </summary>
    Task<bool> RecordVacationReplyAsync(Guid mailboxId, string sender, DateTime nowUtc, TimeSpan interval, CancellationToken cancellationToken = default);
}
