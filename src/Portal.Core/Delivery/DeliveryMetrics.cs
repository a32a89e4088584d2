using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Portal.Core.Delivery;

/// <summary>
/// Where a delivery spends its time, as histograms of the <c>Portal.Delivery</c> meter (read them with
/// <c>dotnet-counters monitor --counters Portal.Delivery</c> or any OpenTelemetry exporter): the MX checks, the blob's
/// flush to disk, the wait for the group commit, and each group commit's size and transaction time.
/// </summary>
public static class DeliveryMetrics
{
    public const string MeterName = "Portal.Delivery";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Resolving one RCPT TO address (domain, mailbox or alias, quota).</summary>
    public static readonly Histogram<double> Recipient = Meter.CreateHistogram<double>("portal.delivery.recipient", "ms", "Resolving one recipient address");

    /// <summary>An SMTP transaction on the server, from MAIL FROM to the reply after the data.</summary>
    public static readonly Histogram<double> Transaction = Meter.CreateHistogram<double>("portal.delivery.transaction", "ms", "One SMTP transaction, MAIL FROM to the final reply");

    /// <summary>Receiving one message's data, from the 354 reply to its last line.</summary>
    public static readonly Histogram<double> Data = Meter.CreateHistogram<double>("portal.delivery.data", "ms", "Receiving one message's data after the 354 reply");

    /// <summary>SPF/DKIM/DMARC of one inbound message on the MX port.</summary>
    public static readonly Histogram<double> Checks = Meter.CreateHistogram<double>("portal.delivery.checks", "ms", "SPF, DKIM and DMARC checks of one inbound message");

    /// <summary>Writing the received message as a blob: flush to disk, rename, directory flush.</summary>
    public static readonly Histogram<double> BlobCommit = Meter.CreateHistogram<double>("portal.delivery.blob_commit", "ms", "Storing one received message as a durable blob");

    /// <summary>Parsing the stored message once for all its copies.</summary>
    public static readonly Histogram<double> Parse = Meter.CreateHistogram<double>("portal.delivery.parse", "ms", "Parsing one stored message");

    /// <summary>From handing copies to the group commit until their transaction committed.</summary>
    public static readonly Histogram<double> CommitWait = Meter.CreateHistogram<double>("portal.delivery.commit_wait", "ms", "Wait of one delivery for its group commit");

    /// <summary>One group commit's store transaction.</summary>
    public static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>("portal.delivery.batch_duration", "ms", "One group commit transaction");

    /// <summary>Copies filed by one group commit.</summary>
    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("portal.delivery.batch_size", "{copies}", "Copies in one group commit");

    /// <summary>Blobs whose search text was written after their delivery (the search indexer).</summary>
    public static readonly Counter<long> Indexed = Meter.CreateCounter<long>("portal.delivery.indexed", "{blobs}", "Delivered messages' search texts written");

    /// <summary>Search texts dropped from the indexer's full queue (indexed later from the stored message).</summary>
    public static readonly Counter<long> IndexDropped = Meter.CreateCounter<long>("portal.delivery.index_dropped", "{blobs}", "Search texts left for the back-fill");

    /// <summary>Milliseconds since <paramref name="start"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public static double Since(long start) => Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}
