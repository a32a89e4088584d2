using Microsoft.EntityFrameworkCore;
using Portal.Core.Delivery;
using Portal.Core.Mail;
using Portal.Core.Storage;
using Portal.Core.Tenancy;

namespace Portal.Data.Stores;

/// <summary>Recipient resolution over domains, mailboxes and aliases, and delivery into Inboxes; see <see cref="IMailDelivery"/>.</summary>
public sealed class MailDelivery(IDbContextFactory<PortalDbContext> contexts, IMessageStore store, IBlobStore blobs, TimeProvider time) : IMailDelivery
{
    // Alias chains deeper than this are a loop or a mistake.
    private const int MaxAliasDepth = 5;

    public async Task<RecipientResolution> ResolveAsync(string address, CancellationToken cancellationToken = default)
    {
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

    public async Task<string> DeliverAsync(Stream content, IReadOnlyCollection<Guid> mailboxIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailboxIds);
        var blob = await blobs.PutAsync(content, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var inboxes = new List<Guid>();
        foreach (var mailboxId in mailboxIds.Distinct())
        {
            var inbox = await store.FindFolderAsync(mailboxId, FolderRole.Inbox, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Mailbox {mailboxId} has no Inbox.");
            inboxes.Add(inbox.Id);
        }

        await store.AppendBlobToFoldersAsync(inboxes, blob.Id, new AppendRequest(Stream.Null, InternalDateUtc: now), cancellationToken).ConfigureAwait(false);

        return blob.Id;
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

    private static async Task<LocalRecipient> RecipientAsync(PortalDbContext db, Mailbox mailbox, CancellationToken cancellationToken)
    {
        var used = mailbox.QuotaBytes > 0
            ? await db.Messages.Where(m => m.MailboxId == mailbox.Id).SumAsync(m => m.Size, cancellationToken).ConfigureAwait(false)
            : 0;
        return new LocalRecipient(mailbox.Id, mailbox.Address, mailbox.QuotaBytes, used);
    }
}
