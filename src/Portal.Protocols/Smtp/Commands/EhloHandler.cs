using System.Globalization;
using Portal.Protocols.Smtp.Parsing;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp.Commands;

/// <summary>EHLO (RFC 5321 §4.1.1.1): greets, resets any transaction, lists the extensions this channel offers.</summary>
internal sealed class EhloHandler : ISmtpCommandHandler
{
    public SmtpVerb Verb => SmtpVerb.Ehlo;

    public async ValueTask RunAsync(SmtpSession session, SmtpCommand command)
    {
        if (command.Argument.Length == 0)
        {
            session.Reply(501, "5.5.4", "Syntax: EHLO hostname");
            return;
        }

        await session.EndTransactionAsync().ConfigureAwait(false);
        session.Helo = command.Argument;
        session.Extended = true;
        session.State = SmtpState.Ready;
        var options = session.Services.Options;
        var lines = new List<string>
        {
            $"{options.HostName} Hello {command.Argument}",
            "PIPELINING",
            string.Create(CultureInfo.InvariantCulture, $"SIZE {options.MaxMessageSize}"),
            "8BITMIME",
            "SMTPUTF8",
            "ENHANCEDSTATUSCODES",
            "CHUNKING",
            "DSN",
        };
        if (!session.Connection.IsSecure)
        {
            lines.Add("STARTTLS");
        }
        else if (session.Mode == SmtpMode.Submission && session.MailboxId is null)
        {
            // RFC 4954 §4 and RFC 8314 §3: passwords travel only inside TLS, so AUTH is offered only there.
            lines.Add("AUTH PLAIN LOGIN");
        }

        session.ReplyLines(250, lines);
    }
}
