using Portal.Core.Delivery;
using Portal.Core.Delivery.Authentication;
using Portal.Core.Devices;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp.Commands;

/// <summary>What DATA and BDAT LAST share: opening the spool with the Received header, and handing the message to the store.</summary>
internal static class MessageCompletion
{
    public static Task<MessageSpool> OpenSpoolAsync(SmtpSession session, string id)
    {
        var transaction = session.Transaction!;
        var services = session.Services;
        var recipients = transaction.Recipients;

        // RFC 5321 §7.2: name the recipient only when there is one, so Bcc recipients stay hidden from each other.
        var header = ReceivedHeader.Build(
            session.Helo ?? "unknown",
            session.Connection.RemoteAddress,
            services.Options.HostName,
            ReceivedHeader.Protocol(session.Extended, session.Connection.IsSecure, session.MailboxId is not null, transaction.Utf8),
            id,
            recipients.Count == 1 ? recipients[0].Path.Address : null,
            services.Time.GetUtcNow());
        return MessageSpool.CreateAsync(services.Blobs, id, header, session.Connection.ConnectionClosed);
    }

    /// <summary>Stores the message for every local recipient and answers 250 only after the store has committed (RFC 5321 §4.2.5).</summary>
    public static async ValueTask CompleteAsync(SmtpSession session, MessageSpool spool)
    {
        var transaction = session.Transaction!;
        var services = session.Services;
        var size = spool.Length;
        var mailboxes = transaction.Recipients.SelectMany(r => r.Resolution.Mailboxes).DistinctBy(m => m.MailboxId).ToList();

        // One reply covers every recipient (RFC 5321 §4.1.1.4), so a mailbox that the actual size overflows fails the message.
        if (mailboxes.Any(m => !m.Fits(size)))
        {
            Log.Refused(services.Logger, session.Connection.ConnectionId, "over quota");
            session.Reply(552, "5.2.2", "Message exceeds the mailbox quota");
            return;
        }

        // One routing path for everything (local copies with their rules, outside recipients, forwards): IMailRouter.
        var envelope = new DeliveryEnvelope(
            transaction.Sender.Address,
            transaction.Recipients.Select(r => new EnvelopeRecipient(r.Path.Address, r.Resolution, r.Notify, r.OriginalRecipient)).ToList(),
            transaction.EnvelopeId,
            transaction.Ret);
        try
        {
            // Not the connection's token: once the last byte is in, the store finishes even if the client leaves.
            ReadOnlyMemory<byte> prefix = default;
            if (session.Mode == SmtpMode.Relay && session.MailboxId is null && services.Options.Checks != AuthenticationChecks.None)
            {
                string results;
                var checks = System.Diagnostics.Stopwatch.GetTimestamp();
                await using (var content = await spool.OpenReadAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    results = await services.Authenticator.AuthenticateAsync(
                        services.Options.HostName, session.Connection.RemoteAddress, session.Helo ?? string.Empty, transaction.Sender.Address, content, services.Options.AuthenticationTimeout, services.Options.Checks, CancellationToken.None).ConfigureAwait(false);
                }

                DeliveryMetrics.Checks.Record(DeliveryMetrics.Since(checks));

                // RFC 8601 §5: the receiving MX adds its verdict at the top, above its Received field.
                prefix = System.Text.Encoding.ASCII.GetBytes($"Authentication-Results: {results}\r\n");
            }

            // The bytes were written once, into the blob store's temp file: now flushed to disk and renamed into place.
            var stored = System.Diagnostics.Stopwatch.GetTimestamp();
            var blob = await spool.CommitAsync(prefix, CancellationToken.None).ConfigureAwait(false);
            DeliveryMetrics.BlobCommit.Record(DeliveryMetrics.Since(stored));
            await services.Router.DeliverAsync(blob, envelope, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.DeliveryFailed(services.Logger, session.Connection.ConnectionId, ex);
            session.Reply(451, "4.3.0", "Could not store the message, try again later");
            return;
        }

        if (session.MailboxId is { } mailboxId)
        {
            services.Devices.SyncSucceeded(new DeviceActivity(mailboxId, DeviceProtocol.Smtp, AuthHandler.DeviceId(session), null, session.Connection.RemoteAddress?.ToString()));
        }

        DeliveryMetrics.Transaction.Record(DeliveryMetrics.Since(transaction.Started));
        Log.Accepted(services.Logger, session.Connection.ConnectionId, spool.ContentLength, transaction.Sender.Address, transaction.Recipients.Count, spool.Id);
        session.Reply(250, "2.0.0", $"OK queued as {spool.Id}");
    }

    public static string NewId() => Guid.CreateVersion7().ToString("N")[..20].ToUpperInvariant();
}
