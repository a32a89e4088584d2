using System.Globalization;
using Portal.Protocols.Smtp.Parsing;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp.Commands;

/// <summary>MAIL FROM (RFC 5321 §4.1.1.2) with SIZE (RFC 1870), BODY (RFC 6152), SMTPUTF8 (RFC 6531), RET/ENVID (RFC 3461) and AUTH (RFC 4954 §5).</summary>
internal sealed class MailHandler : ISmtpCommandHandler
{
    public SmtpVerb Verb => SmtpVerb.Mail;

    public async ValueTask RunAsync(SmtpSession session, SmtpCommand command)
    {
        if (!SmtpPathParser.TryParseMail(command.Argument, out var mail, out var error))
        {
            session.Reply(501, "5.1.7", error);
            return;
        }

        var p = mail.Parameters;
        if (p.Count > 0 && !session.Extended)
        {
            session.Reply(555, "5.5.4", "Parameters need EHLO");
            return;
        }

        long? size = null;
        if (p.TryGetValue("SIZE", out var sizeText))
        {
            if (!long.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var declared))
            {
                session.Reply(501, "5.5.4", "Bad SIZE value");
                return;
            }

            // RFC 1870 §6.2: refuse at MAIL when the declared size is over the limit.
            if (declared > session.Services.Options.MaxMessageSize)
            {
                session.Reply(552, "5.3.4", "Message size exceeds fixed maximum message size");
                return;
            }

            size = declared;
        }

        var body = p.GetValueOrDefault("BODY");
        if (body is not null && !body.Equals("7BIT", StringComparison.OrdinalIgnoreCase) && !body.Equals("8BITMIME", StringComparison.OrdinalIgnoreCase))
        {
            // BINARYMIME (RFC 3030 §3) is not offered.
            session.Reply(555, "5.5.4", "Unsupported BODY type");
            return;
        }

        var ret = p.GetValueOrDefault("RET");
        if (ret is not null && !ret.Equals("FULL", StringComparison.OrdinalIgnoreCase) && !ret.Equals("HDRS", StringComparison.OrdinalIgnoreCase))
        {
            session.Reply(501, "5.5.4", "RET must be FULL or HDRS");
            return;
        }

        var utf8 = p.ContainsKey("SMTPUTF8");
        if (utf8 && p["SMTPUTF8"] is not null)
        {
            session.Reply(501, "5.5.4", "SMTPUTF8 takes no value");
            return;
        }

        foreach (var key in p.Keys)
        {
            if (key is not ("SIZE" or "BODY" or "SMTPUTF8" or "RET" or "ENVID" or "AUTH"))
            {
                session.Reply(555, "5.5.4", $"Unsupported parameter {key}");
                return;
            }
        }

        // RFC 6531 §3.6: a UTF-8 address without SMTPUTF8 is refused.
        if (!mail.Path.IsAscii && !utf8)
        {
            session.Reply(553, "5.6.7", "Non-ASCII sender needs SMTPUTF8");
            return;
        }

        if (session.Mode == SmtpMode.Submission && !await MaySendAsAsync(session, mail.Path).ConfigureAwait(false))
        {
            session.Reply(553, "5.7.1", $"Sender address not owned by {session.AuthenticatedAddress}");
            return;
        }

        await session.BeginTransactionAsync(new SmtpTransaction(mail.Path)
        {
            DeclaredSize = size,
            EightBit = body is not null && body.Equals("8BITMIME", StringComparison.OrdinalIgnoreCase),
            Utf8 = utf8,
            Ret = ret?.ToUpperInvariant(),
            EnvelopeId = p.GetValueOrDefault("ENVID"),
        }).ConfigureAwait(false);
        session.Reply(250, "2.1.0", "Sender OK");
    }

    // RFC 6409 §6.1: the submission server may insist that the envelope sender belongs to the authenticated user.
    private static async ValueTask<bool> MaySendAsAsync(SmtpSession session, SmtpPath sender)
    {
        if (sender.IsNull || session.MailboxId is not { } mailboxId)
        {
            return false;
        }

        var owned = await session.Services.Delivery.SenderAddressesAsync(mailboxId, session.Connection.ConnectionClosed).ConfigureAwait(false);
        var normalized = Portal.Core.Tenancy.AddressSyntax.NormalizeAddress(sender.Address);
        return normalized is not null && owned.Contains(normalized, StringComparer.Ordinal);
    }
}
