using MimeKit;
using MimeKit.Utils;

namespace Portal.Core.Delivery.Rules;

/// <summary>The vacation auto-reply of RFC 3834: when to send one, and the reply itself.</summary>
public static class VacationReply
{
    // RFC 3834 §2: addresses that are clearly not a person (list software, daemons) get no response.
    private static readonly string[] MachineLocalParts = ["mailer-daemon", "postmaster", "listserv", "majordomo", "noreply", "no-reply", "do-not-reply", "donotreply"];

    /// <summary>
    /// Whether a reply is due at all: the vacation is on today, the envelope sender is not null (RFC 3834 §2), the
    /// message is not automatic or list mail, and the sender is not one of the mailbox's own addresses.
    /// The once-per-period check is the store's (<see cref="IMailDelivery.RecordVacationReplyAsync"/>).
    /// </summary>
    public static bool IsDue(MailboxRules rules, MessageFacts facts, string envelopeSender, IReadOnlyCollection<string> ownAddresses, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(envelopeSender);
        ArgumentNullException.ThrowIfNull(ownAddresses);
        if (!rules.VacationActiveOn(DateOnly.FromDateTime(now.UtcDateTime)) || envelopeSender.Length == 0 || facts.Automatic)
        {
            return false;
        }

        if (ownAddresses.Contains(envelopeSender, StringComparer.OrdinalIgnoreCase))
        {
            return false;
        }

        var local = envelopeSender[..Math.Max(0, envelopeSender.LastIndexOf('@'))].ToLowerInvariant();
        return !(MachineLocalParts.Contains(local) || local.StartsWith("owner-", StringComparison.Ordinal) || local.EndsWith("-request", StringComparison.Ordinal));
    }

    /// <summary>The reply (RFC 3834 §3): to the envelope sender, marked Auto-Submitted: auto-replied, threaded to the original.</summary>
    public static MimeMessage Build(MailboxRules rules, string mailboxAddress, string? displayName, MessageFacts facts, string envelopeSender, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(facts);
        var reply = new MimeMessage();
        reply.From.Add(new MailboxAddress(displayName ?? string.Empty, mailboxAddress));
        reply.To.Add(MailboxAddress.Parse(envelopeSender));

        // RFC 3834 §3.1.5: the user's subject, or "Auto:" and the original subject.
        reply.Subject = !string.IsNullOrWhiteSpace(rules.VacationSubject) ? rules.VacationSubject.Trim() : $"Auto: {facts.Subject}".TrimEnd();
        reply.Date = now;
        reply.MessageId = MimeUtils.GenerateMessageId(mailboxAddress[(mailboxAddress.LastIndexOf('@') + 1)..]);

        // RFC 3834 §3.1.3, §3.1.4: threaded to the original.
        if (facts.MessageId is { Length: > 0 } id)
        {
            reply.InReplyTo = id;
            foreach (var reference in MimeUtils.EnumerateReferences(facts.References ?? string.Empty))
            {
                reply.References.Add(reference);
            }

            reply.References.Add(MimeUtils.ParseMessageId(id) ?? id.Trim('<', '>'));
        }

        // RFC 3834 §5: so no other responder answers this one.
        reply.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        reply.Body = new TextPart("plain") { Text = rules.VacationBody.ReplaceLineEndings("\r\n") };
        return reply;
    }
}
