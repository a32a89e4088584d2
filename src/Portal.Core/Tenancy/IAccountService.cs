namespace Portal.Core.Tenancy;

/// <summary>Creates and changes domains and mailboxes. Failures throw <see cref="AccountException"/> with a one-line reason.</summary>
public interface IAccountService
{
    Task<Domain> AddDomainAsync(string name, Edition edition, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Domain>> ListDomainsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates the Identity user and its mailbox (default folders and collections) in one transaction.</summary>
    Task<Mailbox> AddMailboxAsync(string address, string password, string role, CancellationToken cancellationToken = default);

    Task SetPasswordAsync(string address, string password, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<AccountSummary>> ListUsersAsync(string? domain, CancellationToken cancellationToken = default);

    /// <summary>Creates the first SystemAdmin, or does nothing when that user exists.</summary>
    Task<bool> EnsureSystemAdminAsync(string address, string password, CancellationToken cancellationToken = default);

    Task<Mailbox?> FindMailboxAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>The mailboxes of the given domains, by address.</summary>
    Task<IReadOnlyList<Mailbox>> ListMailboxesAsync(IReadOnlyCollection<Guid> domainIds, CancellationToken cancellationToken = default);

    /// <summary>Whether POP3 retrieval leaves messages on the server (<see cref="Mailbox.Pop3LeaveOnServer"/>).</summary>
    Task SetPop3LeaveOnServerAsync(string address, bool leaveOnServer, CancellationToken cancellationToken = default);
}

/// <summary>A sign-in account as listed by the admin tools.</summary>
public sealed record AccountSummary(Guid Id, string Address, IReadOnlyList<string> Roles, bool HasMailbox);
