using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Delivery;
using Portal.Core.Delivery.Rules;
using Portal.Core.Tenancy;

namespace Portal.Data.Stores;

/// <summary>
/// Per-mailbox delivery rules and the vacation reply log in the store's database; see <see cref="IMailboxRulesStore"/>.
/// The router asks for the rules of every delivery, and most mailboxes have none: <see cref="FindAsync"/> answers from
/// memory for <see cref="CacheFor"/> (also "no rules"). A save here drops the mailbox's entry at once; a change made by
/// another node of a cluster applies within that time.
/// </summary>
public sealed class MailboxRulesStore(IDbContextFactory<PortalDbContext> contexts, IMailDelivery delivery, WriteGate gate, TimeProvider time) : IMailboxRulesStore
{
    private const int MaxFilters = 100;

    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<Guid, (MailboxRules? Rules, long Until)> _cache = new();

    // Bumped by every save: a read that a save overtook is returned but not kept.
    private long _saves;

    public async Task<MailboxRules> GetAsync(Guid mailboxId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.MailboxRules.AsNoTracking().SingleOrDefaultAsync(r => r.MailboxId == mailboxId, cancellationToken).ConfigureAwait(false)
            ?? new MailboxRules { MailboxId = mailboxId };
    }

    public async Task<IReadOnlyDictionary<Guid, MailboxRules>> FindAsync(IReadOnlyCollection<Guid> mailboxIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mailboxIds);
        var now = time.GetTimestamp();
        var found = new Dictionary<Guid, MailboxRules>();
        var missing = new List<Guid>();
        foreach (var id in mailboxIds)
        {
            if (_cache.TryGetValue(id, out var entry) && entry.Until > now)
            {
                if (entry.Rules is not null)
                {
                    found[id] = entry.Rules;
                }
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count == 0)
        {
            return found;
        }

        var until = now + (long)(CacheFor.TotalSeconds * time.TimestampFrequency);
        var saves = Interlocked.Read(ref _saves);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.MailboxRules.AsNoTracking().Where(r => missing.Contains(r.MailboxId)).ToDictionaryAsync(r => r.MailboxId, cancellationToken).ConfigureAwait(false);
        var keep = Interlocked.Read(ref _saves) == saves;
        foreach (var id in missing)
        {
            var rules = rows.GetValueOrDefault(id);
            if (keep)
            {
                _cache[id] = (rules, until);
            }

            if (rules is not null)
            {
                found[id] = rules;
            }
        }

        return found;
    }

    public async Task<IReadOnlyList<string>> SaveAsync(MailboxRules rules, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var problems = await ValidateAsync(rules, cancellationToken).ConfigureAwait(false);
        if (problems.Count > 0)
        {
            return problems;
        }

        rules.ForwardTo = string.IsNullOrWhiteSpace(rules.ForwardTo) ? null : AddressSyntax.NormalizeAddress(rules.ForwardTo);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        var existing = await db.MailboxRules.SingleOrDefaultAsync(r => r.MailboxId == rules.MailboxId, cancellationToken).ConfigureAwait(false);
        if (existing is null)
        {
            db.MailboxRules.Add(rules);
        }
        else
        {
            db.Entry(existing).CurrentValues.SetValues(rules);
            existing.Filters = rules.Filters.ToList();
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _saves);
        _cache.TryRemove(rules.MailboxId, out _);
        return [];
    }

    public async Task<bool> RecordVacationReplyAsync(Guid mailboxId, string sender, DateTime nowUtc, TimeSpan interval, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var key = sender.ToLowerInvariant();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var last = await db.VacationReplies.SingleOrDefaultAsync(r => r.MailboxId == mailboxId && r.Sender == key, cancellationToken).ConfigureAwait(false);
        if (last is not null && nowUtc - last.SentUtc < interval)
        {
            return false;
        }

        if (last is null)
        {
            db.VacationReplies.Add(new VacationReplyRecord { MailboxId = mailboxId, Sender = key, SentUtc = nowUtc });
        }
        else
        {
            last.SentUtc = nowUtc;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another delivery to the same mailbox from the same sender recorded it first: that one replies.
            return false;
        }

        return true;
    }

    private async Task<List<string>> ValidateAsync(MailboxRules rules, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(rules.ForwardTo))
        {
            var target = AddressSyntax.NormalizeAddress(rules.ForwardTo);
            if (target is null)
            {
                problems.Add($"'{rules.ForwardTo.Trim()}' is not a valid forwarding address.");
            }
            else
            {
                var own = await delivery.SenderAddressesAsync(rules.MailboxId, cancellationToken).ConfigureAwait(false);
                if (own.Contains(target, StringComparer.OrdinalIgnoreCase))
                {
                    problems.Add("Mail cannot be forwarded to this mailbox's own address.");
                }
                else if ((await delivery.ResolveAsync(target, cancellationToken).ConfigureAwait(false)).Kind is RecipientKind.Unknown or RecipientKind.InvalidSrs)
                {
                    problems.Add($"There is no mailbox '{target}' here to forward to.");
                }
            }
        }

        if (rules.VacationFrom is { } from && rules.VacationUntil is { } until && until < from)
        {
            problems.Add("The auto-reply's last day is before its first day.");
        }

        if (rules.VacationIntervalDays is < 1 or > 365)
        {
            problems.Add("Reply to the same sender again after 1 to 365 days.");
        }

        if (rules.VacationEnabled && string.IsNullOrWhiteSpace(rules.VacationBody))
        {
            problems.Add("Write the auto-reply's text.");
        }

        if (rules.Filters.Count > MaxFilters)
        {
            problems.Add($"At most {MaxFilters} filter rules.");
        }

        foreach (var (filter, index) in rules.Filters.Select((f, i) => (f, i + 1)))
        {
            if (string.IsNullOrWhiteSpace(filter.Contains))
            {
                problems.Add($"Rule {index}: say what the {filter.Field.ToString().ToLowerInvariant()} should contain.");
            }

            if (filter.Action == FilterAction.Move && string.IsNullOrWhiteSpace(filter.Folder))
            {
                problems.Add($"Rule {index}: choose the folder to move to.");
            }
        }

        return problems;
    }
}
