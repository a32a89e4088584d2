using MimeKit;
using MimeKit.Utils;
using Portal.Core.Storage;

namespace Portal.Core.Delivery;

/// <summary>
/// Builds a delivery status notification (RFC 3464) as a multipart/report (RFC 6522): a human-readable part, the
/// message/delivery-status fields, and the original's headers (or, with RET=FULL, the whole original, RFC 3461 §4.3).
/// </summary>
public static class BounceBuilder
{
    private const int MaxHeaderBytes = 64 * 1024;

    /// <summary>
    /// Whether an RCPT's NOTIFY list (RFC 3461 §4.1, comma-separated) holds <paramref name="word"/>; without NOTIFY
    /// only FAILURE is asked for (the RFC's default).
    /// </summary>
    public static bool Asks(string? notify, string word) =>
        notify is null
            ? string.Equals(word, "FAILURE", StringComparison.OrdinalIgnoreCase)
            : notify.Split(',').Any(w => w.Trim().Equals(word, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// What a notice carries of the original (RFC 3461 §4.3): the whole message when <paramref name="full"/>, else no
    /// more than the first 64 KB, from which <see cref="Report"/> keeps the header.
    /// </summary>
    public static async Task<byte[]> ReadOriginalAsync(IBlobStore blobs, string blobId, bool full, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        await using var stream = await blobs.OpenReadAsync(blobId, cancellationToken).ConfigureAwait(false);
        using var copy = new MemoryStream();
        if (full)
        {
            await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            return copy.ToArray();
        }

        var buffer = new byte[MaxHeaderBytes];
        var read = await stream.ReadAtLeastAsync(buffer, MaxHeaderBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        return buffer.AsSpan(0, read).ToArray();
    }

    public static MimeMessage Build(string reportingHost, OutboundMessage original, IReadOnlyList<OutboundRecipient> failed, byte[] originalContent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(failed);
        var text = string.Join("\r\n", failed.Select(r => $"  <{r.Address}>: {r.LastResponse}"));
        var groups = failed.Select(recipient => QueuedFields(recipient, "failed", StatusOf(recipient.LastResponse)));
        return Report(
            reportingHost,
            original.Sender,
            "Undelivered Mail Returned to Sender",
            $"Your message could not be delivered to these recipients:\r\n\r\n{text}",
            original.EnvelopeId,
            new DateTimeOffset(original.CreatedUtc, TimeSpan.Zero),
            groups,
            original.Ret,
            originalContent,
            now);
    }

    /// <summary>
    /// A success notice (RFC 3461 §6.2, NOTIFY=SUCCESS): the same report with Action "delivered" and Status 2.0.0 for
    /// each recipient whose mailbox got the message here.
    /// </summary>
    public static MimeMessage BuildDelivered(string reportingHost, string sender, string? envelopeId, string? ret, IReadOnlyList<(string Address, string? OriginalRecipient)> delivered, byte[] originalContent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        var text = string.Join("\r\n", delivered.Select(r => $"  <{r.Address}>: delivered to the mailbox"));
        return Report(
            reportingHost,
            sender,
            "Successful Mail Delivery Report",
            $"Your message was delivered to these recipients:\r\n\r\n{text}",
            envelopeId,
            now,
            delivered.Select(r => RecipientFields(r.Address, r.OriginalRecipient, "delivered", "2.0.0")),
            ret,
            originalContent,
            now);
    }

    /// <summary>
    /// A "delayed" (still retrying, with Will-Retry-Until) or "relayed" (passed to a server without DSN) notice for
    /// queued recipients (RFC 3464 §2.3.3, RFC 3461 §6.2), with each one's last reply as the diagnostic.
    /// </summary>
    public static MimeMessage BuildNotice(string reportingHost, OutboundMessage original, IReadOnlyList<OutboundRecipient> recipients, DsnAction action, DateTime? retryUntilUtc, byte[] originalContent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(recipients);
        var delayed = action == DsnAction.Delayed;
        var text = string.Join("\r\n", recipients.Select(r => $"  <{r.Address}>: {r.LastResponse}"));
        var groups = recipients.Select(recipient =>
        {
            var fields = QueuedFields(recipient, delayed ? "delayed" : "relayed", delayed ? TemporaryStatusOf(recipient.LastResponse) : "2.0.0");
            if (delayed && retryUntilUtc is { } until)
            {
                fields.Add("Will-Retry-Until", DateUtils.FormatDate(new DateTimeOffset(until, TimeSpan.Zero)));
            }

            return fields;
        });
        return Report(
            reportingHost,
            original.Sender,
            delayed ? "Delayed Mail (still being retried)" : "Relayed Mail Delivery Report",
            delayed
                ? $"Your message could not be delivered yet to these recipients. Delivery will be retried; you need not send it again.\r\n\r\n{text}"
                : $"Your message was passed on to a server that cannot confirm delivery:\r\n\r\n{text}",
            original.EnvelopeId,
            new DateTimeOffset(original.CreatedUtc, TimeSpan.Zero),
            groups,
            ret: null,
            originalContent,
            now);
    }

    /// <summary>The one shape of every notice: from MAILER-DAEMON, a text part, the status fields, the original.</summary>
    private static MimeMessage Report(string reportingHost, string sender, string subject, string summary, string? envelopeId, DateTimeOffset arrival, IEnumerable<HeaderList> recipientGroups, string? ret, byte[] originalContent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(originalContent);
        var notice = new MimeMessage();
        notice.From.Add(new MailboxAddress("Mail Delivery System", $"MAILER-DAEMON@{reportingHost}"));
        notice.To.Add(MailboxAddress.Parse(sender));
        notice.Subject = subject;
        notice.Date = now;
        notice.MessageId = MimeUtils.GenerateMessageId(reportingHost);
        notice.Headers.Add("Auto-Submitted", "auto-replied");

        var report = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = $"This is the mail system at {reportingHost}.\r\n\r\n{summary}\r\n" },
        };

        var status = new MessageDeliveryStatus();
        var perMessage = new HeaderList { { "Reporting-MTA", $"dns; {reportingHost}" } };
        if (envelopeId is not null)
        {
            perMessage.Add("Original-Envelope-Id", envelopeId);
        }

        perMessage.Add("Arrival-Date", DateUtils.FormatDate(arrival));
        status.StatusGroups.Add(perMessage);
        foreach (var group in recipientGroups)
        {
            status.StatusGroups.Add(group);
        }

        report.Add(status);
        report.Add(string.Equals(ret, "FULL", StringComparison.OrdinalIgnoreCase)
            ? new MimePart("message", "rfc822") { Content = new MimeContent(new MemoryStream(originalContent)) }
            : new MimePart("text", "rfc822-headers") { Content = new MimeContent(new MemoryStream(HeadersOf(originalContent))) });
        notice.Body = report;
        return notice;
    }

    /// <summary>A queued recipient's fields: the status fields, its last reply as the diagnostic, and when it was tried.</summary>
    private static HeaderList QueuedFields(OutboundRecipient recipient, string action, string status)
    {
        var fields = RecipientFields(recipient.Address, recipient.OriginalRecipient, action, status);
        fields.Add("Diagnostic-Code", $"smtp; {OneLine(recipient.LastResponse)}");
        if (recipient.LastAttemptUtc is { } last)
        {
            fields.Add("Last-Attempt-Date", DateUtils.FormatDate(new DateTimeOffset(last, TimeSpan.Zero)));
        }

        return fields;
    }

    private static HeaderList RecipientFields(string address, string? originalRecipient, string action, string status)
    {
        var fields = new HeaderList();
        if (originalRecipient is not null)
        {
            fields.Add("Original-Recipient", originalRecipient);
        }

        fields.Add("Final-Recipient", $"rfc822; {address}");
        fields.Add("Action", action);
        fields.Add("Status", status);
        return fields;
    }

    /// <summary>The enhanced status code in a reply ("550 5.1.1 ..."), else 5.0.0 (RFC 3463).</summary>
    public static string StatusOf(string? response)
    {
        var words = (response ?? string.Empty).Split(' ', 3);
        if (words.Length >= 2 && words[1].Count(c => c == '.') == 2 && words[1].All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            // A temporary code that ran out of time is reported as failed with its own detail, e.g. 4.4.7 expired.
            return words[1];
        }

        return "5.0.0";
    }

    /// <summary>A delay's status: the reply's own 4.x.y code, else 4.0.0.</summary>
    private static string TemporaryStatusOf(string? response) => StatusOf(response) is ['4', ..] status ? status : "4.0.0";

    private static string OneLine(string? response) => (response ?? "unknown").Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static byte[] HeadersOf(byte[] content)
    {
        var limit = Math.Min(content.Length, MaxHeaderBytes);
        var span = content.AsSpan(0, limit);
        var end = span.IndexOf("\r\n\r\n"u8);
        return end < 0 ? span.ToArray() : span[..(end + 2)].ToArray();
    }
}
