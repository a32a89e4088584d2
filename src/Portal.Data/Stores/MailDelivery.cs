using Microsoft.EntityFrameworkCore;
using Portal.Core.Delivery;
using Portal.Core.Delivery.Forwarding;
using Portal.Core.Tenancy;

namespace Portal.Data.Stores;

/// <summary>Recipient resolution over domains, mailboxes, aliases and our SRS addresses; see <see cref="IMailDelivery"/>.</summary>
public sealed class MailDelivery(IDbContextFactory<PortalDbContext> contexts, SrsAddress srs, TimeProvider time) : IMailDelivery
{
    // Alias chains deeper than this are a loop or a mistake.
    private const int MaxAliasDepth = 5;

    public async Task<RecipientResolution> ResolveAsync(string address, CancellationToken cancellationToken = default)
    {
        // SRS local parts can be longer than 64 characters and must keep their case: checked before normalising.
        var at = address.LastIndexOf('@');
        if (at > 0 && SrsAddress.Looks(address[..at]) && AddressSyntax.NormalizeDomain(address[(at + 1)..]) is { } srsDomain)
        {
            await using var srsDb = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            if (await srsDb.Domains.AnyAsync(d => d.Name == srsDomain && d.Enabled, cancellationToken).ConfigureAwait(false))
            {
                return await ReturnPathAsync(srsDb, address[..at], cancellationToken).ConfigureAwait(false);
            }
        }

        if (!AddressSyntax.TryNormalizeAddress(address, out var local, out var domainName))
        {
            return address.Contains('@', StringComparison.Ordinal) ? RecipientResolution.NotLocal : RecipientResolution.Unknown;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var domain = await db.Domains.AsNoTracking().SingleOrDefaultAsync(d => d.Name == domainName, cancellationToken).ConfigureAwait(false);
        if (domain is null || !domain.Enabled)
        {
            return RecipientResolution.NotLocal;
        }

        var mailboxes = new Dictionary<Guid, LocalRecipient>();
        var forwards = new List<string>();
        var found = await ExpandAsync(db, $"{local}@{domainName}", mailboxes, forwards, new HashSet<string>(StringComparer.Ordinal), 0, cancellationToken).ConfigureAwait(false);
        if (!found && domain.CatchAllMailboxId is { } catchAll)
        {
            var mailbox = await db.Mailboxes.AsNoTracking().SingleOrDefaultAsync(m => m.Id == catchAll && m.Enabled, cancellationToken).ConfigureAwait(false);
            if (mailbox is not null)
            {
                mailboxes[mailbox.Id] = await RecipientAsync(db, mailbox, cancellationToken).ConfigureAwait(false);
                found = true;
            }
        }

        return found && (mailboxes.Count > 0 || forwards.Count > 0)
            ? new RecipientResolution(RecipientKind.Local, [.. mailboxes.Values], forwards)
            : RecipientResolution.Unknown;
    }

    public async Task<IReadOnlyList<string>> SenderAddressesAsync(Guid mailboxId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var mailbox = await db.Mailboxes.AsNoTracking().SingleOrDefaultAsync(m => m.Id == mailboxId, cancellationToken).ConfigureAwait(false);
        if (mailbox is null)
        {
            return [];
        }

        // Aliases are few per domain; the target list is a comma-separated column, so filter in memory.
        var aliases = await db.Aliases.AsNoTracking().Where(a => a.Targets.Contains(mailbox.Address)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [mailbox.Address, .. aliases.Where(a => a.TargetList.Any(t => string.Equals(AddressSyntax.NormalizeAddress(t), mailbox.Address, StringComparison.Ordinal))).Select(a => a.Address)];
    }

    /// <summary>A bounce (or reply) to a sender we rewrote when forwarding: back to the original sender, if the address is genuine and fresh.</summary>
    private async Task<RecipientResolution> ReturnPathAsync(PortalDbContext db, string local, CancellationToken cancellationToken)
    {
        var original = srs.Reverse(local, time.GetUtcNow());
        var originalAt = original?.LastIndexOf('@') ?? -1;
        if (original is not null && originalAt > 0 && SrsAddress.Looks(original[..originalAt]))
        {
            // An SRS1 bounce: back to the first forwarder's SRS0 address (its local part may be over 64 characters).
            if (AddressSyntax.NormalizeDomain(original[(originalAt + 1)..]) is not { } firstForwarder)
            {
                return RecipientResolution.InvalidSrs;
            }

            return await db.Domains.AnyAsync(d => d.Name == firstForwarder && d.Enabled, cancellationToken).ConfigureAwait(false)
                ? await ReturnPathAsync(db, original[..originalAt], cancellationToken).ConfigureAwait(false)
                : new RecipientResolution(RecipientKind.Local, [], [$"{original[..originalAt]}@{firstForwarder}"], ReturnPath: true);
        }

        if (original is null || !AddressSyntax.TryNormalizeAddress(original, out var originalLocal, out var originalDomain))
        {
            return RecipientResolution.InvalidSrs;
        }

        var address = $"{originalLocal}@{originalDomain}";
        if (!await db.Domains.AnyAsync(d => d.Name == originalDomain && d.Enabled, cancellationToken).ConfigureAwait(false))
        {
            return new RecipientResolution(RecipientKind.Local, [], [address], ReturnPath: true);
        }

        // The original sender is one of ours: deliver to it as to any local address.
        var mailboxes = new Dictionary<Guid, LocalRecipient>();
        var forwards = new List<string>();
        await ExpandAsync(db, address, mailboxes, forwards, new HashSet<string>(StringComparer.Ordinal), 0, cancellationToken).ConfigureAwait(false);
        return mailboxes.Count > 0 || forwards.Count > 0
            ? new RecipientResolution(RecipientKind.Local, [.. mailboxes.Values], forwards, ReturnPath: true)
            : RecipientResolution.Unknown;
    }

    private static async Task<bool> ExpandAsync(
        PortalDbContext db, string address, Dictionary<Guid, LocalRecipient> mailboxes, List<string> forwards, HashSet<string> seen, int depth, CancellationToken cancellationToken)
    {
        if (!seen.Add(address) || depth > MaxAliasDepth)
        {
            return false;
        }

        var mailbox = await db.Mailboxes.AsNoTracking().SingleOrDefaultAsync(m => m.Address == address, cancellationToken).ConfigureAwait(false);
        if (mailbox is not null)
        {
            if (mailbox.Enabled)
            {
                mailboxes.TryAdd(mailbox.Id, await RecipientAsync(db, mailbox, cancellationToken).ConfigureAwait(false));
            }

            return mailbox.Enabled;
        }

        var alias = await db.Aliases.AsNoTracking().SingleOrDefaultAsync(a => a.Address == address, cancellationToken).ConfigureAwait(false);
        if (alias is null)
        {
            return false;
        }

        foreach (var target in alias.TargetList)
        {
            if (!AddressSyntax.TryNormalizeAddress(target, out var local, out var domain))
            {
                continue;
            }

            var normalized = $"{local}@{domain}";
            var isOurs = await db.Domains.AnyAsync(d => d.Name == domain, cancellationToken).ConfigureAwait(false);
            if (!isOurs)
            {
                if (!forwards.Contains(normalized, StringComparer.Ordinal))
                {
                    forwards.Add(normalized);
                }
            }
            else
            {
                await ExpandAsync(db, normalized, mailboxes, forwards, seen, depth + 1, cancellationToken).ConfigureAwait(false);
            }
        }

        return true;
    }

    // Usage from the folder rows' kept totals (every change keeps them), not a sum over every message at each RCPT.
    private static async Task<LocalRecipient> RecipientAsync(PortalDbContext db, Mailbox mailbox, CancellationToken cancellationToken)
    {
        var used = mailbox.QuotaBytes > 0
            ? await db.Folders.Where(f => f.MailboxId == mailbox.Id).SumAsync(f => f.TotalSize, cancellationToken).ConfigureAwait(false)
            : 0;
        return new LocalRecipient(mailbox.Id, mailbox.Address, mailbox.QuotaBytes, used);
    }
}
