using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Portal.Core.Delivery;

namespace Portal.Protocols.Smtp.Outbound;

/// <summary>
/// Drains the outbound queue: wakes when mail is queued or every <see cref="OutboundOptions.SweepInterval"/>, takes due
/// recipients, delivers per domain (several domains at once, one connection per domain), then records each verdict:
/// delivered, deferred by the retry schedule, or failed with a bounce (after a 5xx or when out of time).
/// See docs/adr/0003-outbound-queue.md for why this is a hosted service and not Hangfire jobs.
/// </summary>
internal sealed class OutboundDeliveryService(
    IOutboundQueue queue,
    RemoteDelivery remote,
    BounceSender bounces,
    OutboundWakeup wakeup,
    IOptions<OutboundOptions> options,
    TimeProvider time,
    ILogger<OutboundDeliveryService> logger) : BackgroundService
{
    private const int BatchSize = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.OutboundSweepFailed(logger, ex);
            }

            try
            {
                await wakeup.WaitAsync(settings.SweepInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass over everything due now.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        while (true)
        {
            var now = time.GetUtcNow().UtcDateTime;

            // A crashed node's lease runs out and another sweep picks the recipients up again.
            var lease = now + (settings.CommandTimeout * 10);
            var due = await queue.TakeDueAsync(now, lease, BatchSize, cancellationToken).ConfigureAwait(false);
            if (due.Count == 0)
            {
                return;
            }

            await Parallel.ForEachAsync(
                due.GroupBy(w => w.Domain, StringComparer.OrdinalIgnoreCase),
                new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrentDomains, CancellationToken = cancellationToken },
                async (domain, token) => await DeliverDomainAsync(domain.Key, domain.ToList(), token).ConfigureAwait(false)).ConfigureAwait(false);
        }
    }

    private async Task DeliverDomainAsync(string domain, IReadOnlyList<OutboundWork> works, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var outcomes = await remote.DeliverAsync(domain, works, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var work in works)
        {
            var failed = new List<OutboundRecipient>();
            var delayed = new List<OutboundRecipient>();
            var relayed = new List<OutboundRecipient>();
            foreach (var recipient in work.Recipients)
            {
                var outcome = outcomes.First(o => o.RecipientId == recipient.Id);
                var kind = outcome.Kind;
                var response = outcome.Response;
                Log.OutboundOutcome(logger, recipient.Address, kind.ToString(), response);
                if (kind == OutcomeKind.Deferred)
                {
                    var next = RetryPolicy.Next(recipient.Attempts + 1, work.Message.CreatedUtc, now, settings.Retries(), settings.MaxAge);
                    if (next is { } at)
                    {
                        var noticeDue = DelayNoticeDue(recipient, work.Message.CreatedUtc, now, settings.DelayNotice);
                        await queue.DeferredAsync([recipient.Id], response, now, at, cancellationToken).ConfigureAwait(false);
                        if (noticeDue)
                        {
                            recipient.LastResponse = response;
                            recipient.LastAttemptUtc = now;
                            delayed.Add(recipient);
                        }

                        continue;
                    }

                    // RFC 3463 X.4.7: the message stayed queued too long.
                    kind = OutcomeKind.Failed;
                    response = $"451 4.4.7 Delivery time expired; last reply: {response}";
                }

                if (kind == OutcomeKind.Delivered)
                {
                    await queue.DeliveredAsync([recipient.Id], response, now, cancellationToken).ConfigureAwait(false);
                    if (!outcome.DsnPassedOn && BounceBuilder.Asks(recipient.Notify, "SUCCESS"))
                    {
                        // RFC 3461 §5.2.3: the next server cannot report success, so this one says "relayed".
                        recipient.LastResponse = response;
                        recipient.LastAttemptUtc = now;
                        relayed.Add(recipient);
                    }
                }
                else
                {
                    await queue.FailedAsync([recipient.Id], response, now, cancellationToken).ConfigureAwait(false);
                    recipient.LastResponse = response;
                    recipient.LastAttemptUtc = now;
                    failed.Add(recipient);
                }
            }

            if (failed.Count > 0)
            {
                await bounces.SendAsync(work.Message, failed, cancellationToken).ConfigureAwait(false);
            }

            if (delayed.Count > 0)
            {
                await bounces.SendNoticeAsync(work.Message, delayed, DsnAction.Delayed, cancellationToken).ConfigureAwait(false);
            }

            if (relayed.Count > 0)
            {
                await bounces.SendNoticeAsync(work.Message, relayed, DsnAction.Relayed, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// One "delayed" notice per recipient that asked for it: due on the first deferral at or after
    /// <paramref name="after"/> in the queue, told apart from later ones by the previous attempt's time (no flag kept).
    /// </summary>
    internal static bool DelayNoticeDue(OutboundRecipient recipient, DateTime createdUtc, DateTime nowUtc, TimeSpan after)
    {
        if (after <= TimeSpan.Zero || !BounceBuilder.Asks(recipient.Notify, "DELAY"))
        {
            return false;
        }

        var threshold = createdUtc + after;
        return nowUtc >= threshold && (recipient.LastAttemptUtc is not { } previous || previous < threshold);
    }
}
