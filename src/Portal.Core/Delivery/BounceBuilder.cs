using MimeKit;
using MimeKit.Utils;

namespace Portal.Core.Delivery;

/// <summary>
/// Builds a delivery status notification (RFC 3464) as a multipart/report (RFC 6522): a human-readable part, the
/// message/delivery-status fields, and the original's headers (or, with RET=FULL, the whole original, RFC 3461 §4.3).
/// </summary>
public static class BounceBuilder
{
    private const int MaxHeaderBytes = 64 * 1024;

    public static MimeMessage Build(string reportingHost, OutboundMessage original, IReadOnlyList<OutboundRecipient> failed, byte[] originalContent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(failed);
        ArgumentNullException.ThrowIfNull(originalContent);
        var bounce = new MimeMessage();
        bounce.From.Add(new MailboxAddress("Mail Delivery System", $"MAILER-DAEMON@{reportingHost}"));
        bounce.To.Add(MailboxAddress.Parse(original.Sender));
        bounce.Subject = "Undelivered Mail Returned to Sender";
        bounce.Date = now;
        bounce.MessageId = MimeUtils.GenerateMessageId(reportingHost);
        bounce.Headers.Add("Auto-Submitted", "auto-replied");

        var text = string.Join("\r\n", failed.Select(r => $"  <{r.Address}>: {r.LastResponse}"));
        var report = new MultipartReport("delivery-status")
        {
            new TextPart("plain")
            {
                Text = $"This is the mail system at {reportingHost}.\r\n\r\nYour message could not be delivered to these recipients:\r\n\r\n{text}\r\n",
            },
        };

        var status = new MessageDeliveryStatus();
        var perMessage = new HeaderList { { "Reporting-MTA", $"dns; {reportingHost}" } };
        if (original.EnvelopeId is not null)
        {
            perMessage.Add("Original-Envelope-Id", original.EnvelopeId);
        }

        perMessage.Add("Arrival-Date", DateUtils.FormatDate(new DateTimeOffset(original.CreatedUtc, TimeSpan.Zero)));
        status.StatusGroups.Add(perMessage);
        foreach (var recipient in failed)
        {
            var fields = new HeaderList();
            if (recipient.OriginalRecipient is not null)
            {
                fields.Add("Original-Recipient", recipient.OriginalRecipient);
            }

            fields.Add("Final-Recipient", $"rfc822; {recipient.Address}");
            fields.Add("Action", "failed");
            fields.Add("Status", StatusOf(recipient.LastResponse));
            fields.Add("Diagnostic-Code", $"smtp; {OneLine(recipient.LastResponse)}");
            if (recipient.LastAttemptUtc is { } last)
            {
                fields.Add("Last-Attempt-Date", DateUtils.FormatDate(new DateTimeOffset(last, TimeSpan.Zero)));
            }

            status.StatusGroups.Add(fields);
        }

        report.Add(status);
        report.Add(string.Equals(original.Ret, "FULL", StringComparison.OrdinalIgnoreCase)
            ? new MimePart("message", "rfc822") { Content = new MimeContent(new MemoryStream(originalContent)) }
            : new MimePart("text", "rfc822-headers") { Content = new MimeContent(new MemoryStream(HeadersOf(originalContent))) });
        bounce.Body = report;
        return bounce;
    }

    /// <summary>
    /// A success notice (RFC 3461 §6.2, NOTIFY=SUCCESS): the same report with Action "delivered" and Status 2.0.0 for
    /// each recipient whose mailbox got the message here.
    /// </summary>
    public static MimeMessage BuildDelivered(string reportingHost, string sender, string? envelopeId, string? ret, IReadOnlyList<(string Address, string? OriginalRecipient)> delivered, byte[] originalContent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(delivered);
        ArgumentNullException.ThrowIfNull(originalContent);
        var notice = new MimeMessage();
        notice.From.Add(new MailboxAddress("Mail Delivery System", $"MAILER-DAEMON@{reportingHost}"));
        notice.To.Add(MailboxAddress.Parse(sender));
        notice.Subject = "Successful Mail Delivery Report";
        notice.Date = now;
        notice.MessageId = MimeUtils.GenerateMessageId(reportingHost);
        notice.Headers.Add("Auto-Submitted", "auto-replied");

        var text = string.Join("\r\n", delivered.Select(r => $"  <{r.Address}>: delivered to the mailbox"));
        var report = new MultipartReport("delivery-status")
        {
            new TextPart("plain")
            {
                Text = $"This is the mail system at {reportingHost}.\r\n\r\nYour message was delivered to these recipients:\r\n\r\n{text}\r\n",
            },
        };

        var status = new MessageDeliveryStatus();
        var perMessage = new HeaderList { { "Reporting-MTA", $"dns; {reportingHost}" } };
        if (envelopeId is not null)
        {
            perMessage.Add("Original-Envelope-Id", envelopeId);
        }

        perMessage.Add("Arrival-Date", DateUtils.FormatDate(now));
        status.StatusGroups.Add(perMessage);
        foreach (var (address, originalRecipient) in delivered)
        {
            var fields = new HeaderList();
            if (originalRecipient is not null)
            {
                fields.Add("Original-Recipient", originalRecipient);
            }

            fields.Add("Final-Recipient", $"rfc822; {address}");
            fields.Add("Action", "delivered");
            fields.Add("Status", "2.0.0");
            status.StatusGroups.Add(fields);
        }

        report.Add(status);
        report.Add(string.Equals(ret, "FULL", StringComparison.OrdinalIgnoreCase)
            ? new MimePart("message", "rfc822") { Content = new MimeContent(new MemoryStream(originalContent)) }
            : new MimePart("text", "rfc822-headers") { Content = new MimeContent(new MemoryStream(HeadersOf(originalContent))) });
        notice.Body = report;
        return notice;
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

    private static string OneLine(string? response) => (response ?? "unknown").Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static byte[] HeadersOf(byte[] content)
    {
        var limit = Math.Min(content.Length, MaxHeaderBytes);
        var span = content.AsSpan(0, limit);
        var end = span.IndexOf("\r\n\r\n"u8);
        return end < 0 ? span.ToArray() : span[..(end + 2)].ToArray();
    }
}
