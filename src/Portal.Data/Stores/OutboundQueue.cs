using Microsoft.EntityFrameworkCore;
using Portal.Core.Delivery;
using Portal.Core.Tenancy;

namespace Portal.Data.Stores;

/// <summary>The outbound queue in the store's database; see <see cref="IOutboundQueue"/>.</summary>
public sealed class OutboundQueue(IDbContextFactory<PortalDbContext> contexts, OutboundWakeup wakeup, WriteGate gate, TimeProvider time) : IOutboundQueue
{
    private const int MaxResponseLength = 1000;

    public async Task<OutboundMessage> EnqueueAsync(string blobId, string sender, IReadOnlyList<OutboundRecipientRequest> recipients, string? envelopeId = null, string? ret = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var now = time.GetUtcNow().UtcDateTime;
        var message = new OutboundMessage { BlobId = blobId, Sender = sender, EnvelopeId = envelopeId, Ret = ret, CreatedUtc = now };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        db.OutboundMessages.Add(message);
        foreach (var recipient in recipients)
        {
            var at = recipient.Address.LastIndexOf('@');
            var domain = at < 0 ? string.Empty : AddressSyntax.NormalizeDomain(recipient.Address[(at + 1)..]) ?? recipient.Address[(at + 1)..].ToLowerInvariant();
            db.OutboundRecipients.Add(new OutboundRecipient
            {
                MessageId = message.Id,
                Address = recipient.Address,
                Domain = domain,
                Notify = recipient.Notify,
                OriginalRecipient = recipient.OriginalRecipient,
                State = OutboundState.Pending,
                NextAttemptUtc = now,
            });
        }

        using (await gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        wakeup.Signal();
        return message;
    }

    public async Task<IReadOnlyList<OutboundWork>> TakeDueAsync(DateTime nowUtc, DateTime leaseUntilUtc, int maxRecipients, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var due = await db.OutboundRecipients.Where(r => r.State == OutboundState.Pending && r.NextAttemptUtc <= nowUtc)
            .OrderBy(r => r.NextAttemptUtc).Take(maxRecipients).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (due.Count == 0)
        {
            return [];
        }

        // The lease keeps another sweep from taking the same recipients while this one works on them.
        foreach (var recipient in due)
        {
            recipient.NextAttemptUtc = leaseUntilUtc;
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        var ids = due.Select(r => r.MessageId).Distinct().ToList();
        var messages = await db.OutboundMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken).ConfigureAwait(false);
        return due.GroupBy(r => (r.MessageId, r.Domain))
            .Select(g => new OutboundWork(messages[g.Key.MessageId], g.Key.Domain, g.ToList()))
            .ToList();
    }

    public Task DeliveredAsync(IReadOnlyCollection<Guid> recipientIds, string response, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        UpdateAsync(recipientIds, r =>
        {
            r.State = OutboundState.Delivered;
            Attempted(r, response, nowUtc);
        }, cancellationToken);

    public Task DeferredAsync(IReadOnlyCollection<Guid> recipientIds, string response, DateTime nowUtc, DateTime nextAttemptUtc, CancellationToken cancellationToken = default) =>
        UpdateAsync(recipientIds, r =>
        {
            Attempted(r, response, nowUtc);
            r.NextAttemptUtc = nextAttemptUtc;
        }, cancellationToken);

    public Task FailedAsync(IReadOnlyCollection<Guid> recipientIds, string response, DateTime nowUtc, CancellationToken cancellationToken = default) =>
        UpdateAsync(recipientIds, r =>
        {
            r.State = OutboundState.Failed;
            Attempted(r, response, nowUtc);
        }, cancellationToken);

    public async Task<IReadOnlyList<(OutboundMessage Message, OutboundRecipient Recipient)>> ListAsync(int max, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.OutboundRecipients.AsNoTracking()
            .Join(db.OutboundMessages.AsNoTracking(), r => r.MessageId, m => m.Id, (r, m) => new { r, m })
            .OrderByDescending(x => x.m.CreatedUtc).Take(max).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(x => (x.m, x.r)).ToList();
    }

    public async Task RetryNowAsync(Guid recipientId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await UpdateAsync([recipientId], r =>
        {
            if (r.State == OutboundState.Pending)
            {
                r.NextAttemptUtc = nowUtc;
            }
        }, cancellationToken).ConfigureAwait(false);
        wakeup.Signal();
    }

    public async Task<int> PurgeFinishedAsync(DateTime finishedBeforeUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var removed = await db.OutboundRecipients
            .Where(r => r.State != OutboundState.Pending && r.LastAttemptUtc != null && r.LastAttemptUtc < finishedBeforeUtc)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.OutboundMessages.Where(m => !db.OutboundRecipients.Any(r => r.MessageId == m.Id))
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    public async Task DeleteAsync(Guid recipientId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var recipient = await db.OutboundRecipients.SingleOrDefaultAsync(r => r.Id == recipientId, cancellationToken).ConfigureAwait(false);
        if (recipient is null)
        {
            return;
        }

        db.OutboundRecipients.Remove(recipient);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (!await db.OutboundRecipients.AnyAsync(r => r.MessageId == recipient.MessageId, cancellationToken).ConfigureAwait(false))
        {
            await db.OutboundMessages.Where(m => m.Id == recipient.MessageId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void Attempted(OutboundRecipient recipient, string response, DateTime nowUtc)
    {
        recipient.Attempts++;
        recipient.LastAttemptUtc = nowUtc;
        recipient.LastResponse = response.Length <= MaxResponseLength ? response : response[..MaxResponseLength];
    }

    private async Task UpdateAsync(IReadOnlyCollection<Guid> recipientIds, Action<OutboundRecipient> change, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var recipients = await db.OutboundRecipients.Where(r => recipientIds.Contains(r.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var recipient in recipients)
        {
            change(recipient);
        }

        using (await gate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
