using Portal.Protocols.Smtp.Parsing;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp.Commands;

/// <summary>HELO (RFC 5321 §4.1.1.1): plain SMTP, no extensions.</summary>
internal sealed class HeloHandler : ISmtpCommandHandler
{
    public SmtpVerb Verb => SmtpVerb.Helo;

    public async ValueTask RunAsync(SmtpSession session, SmtpCommand command)
    {
        if (command.Argument.Length == 0)
        {
            session.Reply(501, "5.5.4", "Syntax: HELO hostname");
            return;
        }

        await session.EndTransactionAsync().ConfigureAwait(false);
        session.Helo = command.Argument;
        session.Extended = false;
        session.State = SmtpState.Ready;
        session.Reply(250, null, session.Services.Options.HostName);
    }
}
