using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Delivery;
using Portal.Core.Groupware;
using Portal.Core.Mail;
using Portal.Core.Tenancy;
using Portal.Data.Identity;

namespace Portal.Data.Stores;

/// <summary>Domains and accounts. Scoped: it shares its context with Identity's user manager so that user, mailbox, folders and collections commit together.</summary>
public sealed class AccountService(PortalDbContext db, UserManager<PortalUser> users, TimeProvider time) : IAccountService
{
    public async Task<Domain> AddDomainAsync(string name, Edition edition, CancellationToken cancellationToken = default)
    {
        var normalized = AddressSyntax.NormalizeDomain(name) ?? throw new AccountException($"'{name}' is not a valid domain name");
        if (await db.Domains.AnyAsync(d => d.Name == normalized, cancellationToken).ConfigureAwait(false))
        {
            throw new AccountException($"domain '{normalized}' already exists");
        }

        var domain = new Domain { Name = normalized, Edition = edition, CreatedUtc = time.GetUtcNow().UtcDateTime };
        db.Domains.Add(domain);

        // Every domain signs its outgoing mail from the start (RFC 6376); the admin publishes DkimKey.DnsRecord.
        db.DkimKeys.Add(DkimKey.Create(domain.Id, domain.CreatedUtc));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return domain;
    }

    public async Task<IReadOnlyList<Domain>> ListDomainsAsync(CancellationToken cancellationToken = default) =>
        await db.Domains.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken).ConfigureAwait(false);

    public async Task<Mailbox> AddMailboxAsync(string address, string password, string role, CancellationToken cancellationToken = default)
    {
        if (!AddressSyntax.TryNormalizeAddress(address, out var local, out var domainName))
        {
            throw new AccountException($"'{address}' is not a valid address");
        }

        var canonicalRole = PortalRoles.Normalize(role) ?? throw new AccountException($"unknown role '{role}' (expected one of {string.Join(", ", PortalRoles.All)})");
        var normalized = $"{local}@{domainName}";
        var domain = await db.Domains.SingleOrDefaultAsync(d => d.Name == domainName, cancellationToken).ConfigureAwait(false)
            ?? throw new AccountException($"unknown domain '{domainName}' (add it first with 'admin domain add {domainName}')");
        if (await db.Aliases.AnyAsync(a => a.Address == normalized, cancellationToken).ConfigureAwait(false) ||
            await users.FindByNameAsync(normalized).ConfigureAwait(false) is not null)
        {
            throw new AccountException($"address '{normalized}' already exists");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var user = new PortalUser { Id = Guid.CreateVersion7(), UserName = normalized, Email = normalized, EmailConfirmed = true, CreatedUtc = now };
        await CheckPasswordAsync(user, password).ConfigureAwait(false);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        Require(await users.CreateAsync(user, password).ConfigureAwait(false));
        Require(await users.AddToRoleAsync(user, canonicalRole).ConfigureAwait(false));
        if (canonicalRole != PortalRoles.User)
        {
            Require(await users.AddToRoleAsync(user, PortalRoles.User).ConfigureAwait(false));
        }

        var mailbox = new Mailbox { Id = user.Id, DomainId = domain.Id, LocalPart = local, Address = normalized, CreatedUtc = now };
        db.Mailboxes.Add(mailbox);
        AddDefaults(mailbox.Id, now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return mailbox;
    }

    public async Task SetPasswordAsync(string address, string password, CancellationToken cancellationToken = default)
    {
        var normalized = AddressSyntax.NormalizeAddress(address) ?? throw new AccountException($"'{address}' is not a valid address");
        var user = await users.FindByNameAsync(normalized).ConfigureAwait(false) ?? throw new AccountException($"unknown user '{normalized}'");
        await CheckPasswordAsync(user, password).ConfigureAwait(false);
        var token = await users.GeneratePasswordResetTokenAsync(user).ConfigureAwait(false);
        Require(await users.ResetPasswordAsync(user, token, password).ConfigureAwait(false));
        await users.SetLockoutEndDateAsync(user, null).ConfigureAwait(false);
        await users.ResetAccessFailedCountAsync(user).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<AccountSummary>> ListUsersAsync(string? domain, CancellationToken cancellationToken = default)
    {
        var query = db.Users.AsNoTracking();
        if (domain is not null)
        {
            var normalized = AddressSyntax.NormalizeDomain(domain) ?? throw new AccountException($"'{domain}' is not a valid domain name");
            if (!await db.Domains.AnyAsync(d => d.Name == normalized, cancellationToken).ConfigureAwait(false))
            {
                throw new AccountException($"unknown domain '{normalized}'");
            }

            var suffix = "@" + normalized;
            query = query.Where(u => u.UserName!.EndsWith(suffix));
        }

        var list = await query.OrderBy(u => u.UserName).Select(u => new { u.Id, u.UserName }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = list.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var withMailbox = (await db.Mailboxes.Where(m => ids.Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        return list.Select(u => new AccountSummary(
            u.Id,
            u.UserName!,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).OrderBy(PortalRoles.All.ToList().IndexOf).ToList(),
            withMailbox.Contains(u.Id))).ToList();
    }

    public async Task<bool> EnsureSystemAdminAsync(string address, string password, CancellationToken cancellationToken = default)
    {
        var normalized = AddressSyntax.NormalizeAddress(address) ?? throw new AccountException($"'{address}' is not a valid address");
        if (await users.FindByNameAsync(normalized).ConfigureAwait(false) is not null)
        {
            return false;
        }

        // The admin's domain may be hosted here: then the admin gets a mailbox like anyone else.
        var domain = normalized[(normalized.IndexOf('@', StringComparison.Ordinal) + 1)..];
        if (await db.Domains.AnyAsync(d => d.Name == domain, cancellationToken).ConfigureAwait(false))
        {
            await AddMailboxAsync(normalized, password, PortalRoles.SystemAdmin, cancellationToken).ConfigureAwait(false);
            return true;
        }

        var user = new PortalUser { Id = Guid.CreateVersion7(), UserName = normalized, Email = normalized, EmailConfirmed = true, CreatedUtc = time.GetUtcNow().UtcDateTime };
        await CheckPasswordAsync(user, password).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        Require(await users.CreateAsync(user, password).ConfigureAwait(false));
        Require(await users.AddToRoleAsync(user, PortalRoles.SystemAdmin).ConfigureAwait(false));
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<Mailbox?> FindMailboxAsync(string address, CancellationToken cancellationToken = default)
    {
        var normalized = AddressSyntax.NormalizeAddress(address);
        return normalized is null
            ? Task.FromResult<Mailbox?>(null)
            : db.Mailboxes.AsNoTracking().SingleOrDefaultAsync(m => m.Address == normalized, cancellationToken);
    }

    public async Task<IReadOnlyList<Mailbox>> ListMailboxesAsync(IReadOnlyCollection<Guid> domainIds, CancellationToken cancellationToken = default) =>
        await db.Mailboxes.AsNoTracking().Where(m => domainIds.Contains(m.DomainId)).OrderBy(m => m.Address).ToListAsync(cancellationToken).ConfigureAwait(false);

    public async Task SetPop3LeaveOnServerAsync(string address, bool leaveOnServer, CancellationToken cancellationToken = default)
    {
        var normalized = AddressSyntax.NormalizeAddress(address) ?? throw new AccountException($"Invalid address {address}.");
        var updated = await db.Mailboxes.Where(m => m.Address == normalized)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Pop3LeaveOnServer, leaveOnServer), cancellationToken).ConfigureAwait(false);
        if (updated == 0)
        {
            throw new AccountException($"No mailbox {normalized}.");
        }
    }

    private void AddDefaults(Guid mailboxId, DateTime now)
    {
        foreach (var (name, role) in DefaultFolders.All)
        {
            db.Folders.Add(new Folder { MailboxId = mailboxId, Name = name, Role = role, UidValidity = NewUidValidity(), CreatedUtc = now });
        }

        foreach (var (kind, name, displayName) in DefaultCollections.All)
        {
            db.Collections.Add(new Collection { MailboxId = mailboxId, Kind = kind, Name = name, DisplayName = displayName, IsDefault = true, CreatedUtc = now });
        }
    }

    /// <summary>A random non-zero 31-bit UIDVALIDITY, so a re-created folder of the same name never reuses an old one by chance.</summary>
    internal static long NewUidValidity() => RandomNumberGenerator.GetInt32(1, int.MaxValue);

    private async Task CheckPasswordAsync(PortalUser user, string password)
    {
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, user, password).ConfigureAwait(false);
            errors.AddRange(result.Errors.Select(e => e.Description));
        }

        if (errors.Count > 0)
        {
            throw new AccountException("weak password: " + string.Join(" ", errors));
        }
    }

    private static void Require(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new AccountException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
