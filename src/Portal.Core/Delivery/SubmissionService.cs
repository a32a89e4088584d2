using MimeKit;
using Portal.Core.Mail;
using Portal.Core.Tenancy;

namespace Portal.Core.Delivery;

/// <summary>The one send path for the portal: checks, local delivery, the outbound queue and the Sent copy.</summary>
public sealed class SubmissionService(IMailDelivery delivery, IMailRouter router, IMessageStore store, TimeProvider time) : ISubmissionService
{
    public async Task<SubmissionResult> SubmitAsync(Guid mailboxId, MimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sender = message.From.Mailboxes.FirstOrDefault()?.Address;
        var allowed = await delivery.SenderAddressesAsync(mailboxId, cancellationToken).ConfigureAwait(false);
        if (sender is null || !allowed.Contains(AddressSyntax.NormalizeAddress(sender) ?? sender, StringComparer.OrdinalIgnoreCase))
        {
            return new SubmissionResult("You can only send as your own address or one of its aliases.", 0, 0);
        }

        var recipients = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Concat(message.Bcc.Mailboxes)
            .Select(m => m.Address).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (recipients.Count == 0)
        {
            return new SubmissionResult("Add at least one recipient.", 0, 0);
        }

        var resolved = new List<EnvelopeRecipient>();
        foreach (var recipient in recipients)
        {
            if (AddressSyntax.NormalizeAddress(recipient) is null)
            {
                return new SubmissionResult($"'{recipient}' is not a valid address.", 0, 0);
            }

            var resolution = await delivery.ResolveAsync(recipient, cancellationToken).ConfigureAwait(false);
            if (resolution.Kind is RecipientKind.Unknown or RecipientKind.InvalidSrs)
            {
                return new SubmissionResult($"There is no mailbox '{recipient}' here.", 0, 0);
            }

            resolved.Add(new EnvelopeRecipient(recipient, resolution));
        }

        message.Date = time.GetUtcNow();
        message.MessageId ??= MimeKit.Utils.MimeUtils.GenerateMessageId(sender[(sender.LastIndexOf('@') + 1)..]);

        // The Sent copy keeps Bcc; what recipients get does not (RFC 5322 §3.6.3).
        var sentCopy = Serialize(message);
        var bcc = message.Bcc.ToList();
        message.Bcc.Clear();
        var outgoing = Serialize(message);
        message.Bcc.AddRange(bcc);

        // The same routing as SMTP: local copies with their owners' rules, outside recipients and forwards queued.
        var routed = await router.DeliverAsync(new MemoryStream(outgoing), new DeliveryEnvelope(sender, resolved), cancellationToken).ConfigureAwait(false);

        if (await store.FindFolderAsync(mailboxId, FolderRole.Sent, cancellationToken).ConfigureAwait(false) is { } sent)
        {
            await store.AppendAsync(sent.Id, new AppendRequest(new MemoryStream(sentCopy), MessageFlags.Seen), cancellationToken).ConfigureAwait(false);
        }

        return new SubmissionResult(null, routed.LocalCopies, routed.Queued);
    }

    private static byte[] Serialize(MimeMessage message)
    {
        using var buffer = new MemoryStream();
        message.WriteTo(MailRouter.WireFormat, buffer);
        return buffer.ToArray();
    }
}
