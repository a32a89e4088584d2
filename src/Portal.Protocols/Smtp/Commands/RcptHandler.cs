using Portal.Core.Delivery;
using Portal.Protocols.Smtp.Parsing;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp.Commands;

/// <summary>RCPT TO (RFC 5321 §4.1.1.3): local recipients only on the MX (no open relay), with quota and DSN NOTIFY/ORCPT (RFC 3461 §4).</summary>
internal sealed class RcptHandler : ISmtpCommandHandler
{
    public SmtpVerb Verb => SmtpVerb.Rcpt;

    public async ValueTask RunAsync(SmtpSession session, SmtpCommand command)
    {
        var transaction = session.Transaction!;
        if (transaction.Recipients.Count >= session.Services.Options.MaxRecipients)
        {
            // RFC 5321 §4.5.3.1.10: 452 and the client sends the rest in another transaction.
            session.Reply(452, "4.5.3", "Too many recipients");
            return;
        }

        if (!SmtpPathParser.TryParseRcpt(command.Argument, out var rcpt, out var error))
        {
            session.Reply(501, "5.1.3", error);
            return;
        }

        var notify = rcpt.Parameters.GetValueOrDefault("NOTIFY");
        if (notify is not null && !IsNotify(notify))
        {
            session.Reply(501, "5.5.4", "Bad NOTIFY value");
            return;
        }

        foreach (var key in rcpt.Parameters.Keys)
        {
            if (key is not ("NOTIFY" or "ORCPT"))
            {
                session.Reply(555, "5.5.4", $"Unsupported parameter {key}");
                return;
            }
        }

        if (!rcpt.Path.IsAscii && !transaction.Utf8)
        {
            session.Reply(553, "5.6.7", "Non-ASCII recipient needs SMTPUTF8");
            return;
        }

        // RFC 5321 §4.1.1.3: <Postmaster> without a domain is the postmaster of this host.
        var address = rcpt.Path.Domain is null ? $"postmaster@{session.Services.Options.HostName}" : rcpt.Path.Address;
        var resolving = System.Diagnostics.Stopwatch.GetTimestamp();
        var resolution = await session.Services.Delivery.ResolveAsync(address, session.Connection.ConnectionClosed).ConfigureAwait(false);
        Portal.Core.Delivery.DeliveryMetrics.Recipient.Record(Portal.Core.Delivery.DeliveryMetrics.Since(resolving));
        switch (resolution.Kind)
        {
            case RecipientKind.NotLocal when session.MailboxId is null:
                // No open relay: only authenticated submission may send outside (RFC 5321 §3.6.2, §7.1).
                session.Reply(554, "5.7.1", "Relay access denied");
                return;
            case RecipientKind.Unknown:
                session.Reply(550, "5.1.1", "Mailbox unavailable");
                return;
            case RecipientKind.InvalidSrs:
                // A bounce to a rewritten sender whose hash is wrong (forged) or whose day is too old.
                Log.Refused(session.Services.Logger, session.Connection.ConnectionId, "invalid or expired SRS address");
                session.Reply(550, "5.7.1", "Invalid or expired SRS address");
                return;
        }

        if (resolution.Mailboxes.Any(m => m.IsFull))
        {
            // RFC 3463 §3.3: X.2.2 mailbox full; temporary, the owner may make room.
            session.Reply(452, "4.2.2", "Mailbox full");
            return;
        }

        if (transaction.DeclaredSize is { } size && resolution.Mailboxes.Any(m => !m.Fits(size)))
        {
            session.Reply(552, "5.2.2", "Message exceeds the mailbox quota");
            return;
        }

        transaction.Recipients.Add(new SmtpRecipient(rcpt.Path, resolution, notify?.ToUpperInvariant(), rcpt.Parameters.GetValueOrDefault("ORCPT")));
        session.State = SmtpState.Rcpt;
        session.Reply(250, "2.1.5", "Recipient OK");
    }

    // RFC 3461 §4.1: NEVER alone, or a list of SUCCESS, FAILURE, DELAY.
    private static bool IsNotify(string value)
    {
        var words = value.Split(',');
        return words.Length == 1 && words[0].Equals("NEVER", StringComparison.OrdinalIgnoreCase)
            || words.All(w => w.ToUpperInvariant() is "SUCCESS" or "FAILURE" or "DELAY");
    }
}
