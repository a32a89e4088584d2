using Microsoft.Extensions.Options;
using Portal.Core.Delivery;

namespace Portal.Web.Jobs;

/// <summary>
/// The scheduled side of the outbound queue: removes delivered and failed recipients (and their messages) older than
/// <see cref="OutboundOptions.FinishedRetention"/>. Delivery itself is the hosted service's (docs/adr/0003-outbound-queue.md).
/// </summary>
public sealed class OutboundQueueSweepJob(IOutboundQueue queue, IOptions<OutboundOptions> options, TimeProvider time)
{
    public const string Id = "outbound-queue-sweep";

    public Task<int> RunAsync(CancellationToken cancellationToken) =>
        queue.PurgeFinishedAsync(time.GetUtcNow().UtcDateTime - options.Value.FinishedRetention, cancellationToken);
}
