using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Delivery;
using Portal.Core.Storage;

namespace Portal.Protocols.Smtp.Outbound;

/// <summary>
/// Sends the DSN for failed recipients to the envelope sender: into a local Inbox directly, or through the queue with
/// the null sender (RFC 5321 §4.5.5), so a bounce is never bounced. No bounce for the null sender or NOTIFY=NEVER.
/// </summary>
internal sealed class BounceSender(IMailDelivery delivery, IMailRouter router, IBlobStore blobs, IOptions<OutboundOptions> options, TimeProvider time, ILogger<BounceSender> logger)
{
    public async Task SendAsync(OutboundMessage message, IReadOnlyList<OutboundRecipient> failed, CancellationToken cancellationToken)
    {
        // RFC 3461 §4.1: without NOTIFY the default is FAILURE; NEVER asks for silence.
        var wanted = failed.Where(r => BounceBuilder.Asks(r.Notify, "FAILURE")).ToList();
        if (message.Sender.Length == 0 || wanted.Count == 0)
        {
            return;
        }

        var original = await BounceBuilder.ReadOriginalAsync(blobs, message.BlobId, string.Equals(message.Ret, "FULL", StringComparison.OrdinalIgnoreCase), cancellationToken).ConfigureAwait(false);
        await SendReportAsync(message, BounceBuilder.Build(options.Value.HeloName, message, wanted, original, time.GetUtcNow()), wanted.Count, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A "delayed" or "relayed" notice (the caller picked the recipients that asked for it), the same way as a bounce.</summary>
    public async Task SendNoticeAsync(OutboundMessage message, IReadOnlyList<OutboundRecipient> recipients, DsnAction action, CancellationToken cancellationToken)
    {
        if (message.Sender.Length == 0 || recipients.Count == 0)
        {
            return;
        }

        // RFC 3461 §4.3: RET=FULL is for failures; a notice that reports none carries the headers only.
        var original = await BounceBuilder.ReadOriginalAsync(blobs, message.BlobId, full: false, cancellationToken).ConfigureAwait(false);
        var settings = options.Value;
        var notice = BounceBuilder.BuildNotice(settings.HeloName, message, recipients, action, message.CreatedUtc + settings.MaxAge, original, time.GetUtcNow());
        await SendReportAsync(message, notice, recipients.Count, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendReportAsync(OutboundMessage message, MimeMessage notice, int recipients, CancellationToken cancellationToken)
    {
        using var content = new MemoryStream();
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        await notice.WriteToAsync(format, content, cancellationToken).ConfigureAwait(false);
        content.Position = 0;

        var sender = await delivery.ResolveAsync(message.Sender, cancellationToken).ConfigureAwait(false);
        if (sender.Kind is RecipientKind.Unknown or RecipientKind.InvalidSrs)
        {
            return;
        }

        // Through the one routing path: a local sender's Inbox (or its rules), an SRS sender back to the original one.
        await router.DeliverAsync(content, new DeliveryEnvelope(string.Empty, [new EnvelopeRecipient(message.Sender, sender)]), cancellationToken).ConfigureAwait(false);

        Log.Bounced(logger, notice.Subject, message.Id, message.Sender, recipients);
    }
}
