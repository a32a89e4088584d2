using System.Security.Authentication;
using Portal.Protocols.Smtp.Parsing;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp.Commands;

/// <summary>STARTTLS (RFC 3207): 220, handshake, then everything learnt before is forgotten (§4.2).</summary>
internal sealed class StartTlsHandler : ISmtpCommandHandler
{
    public SmtpVerb Verb => SmtpVerb.StartTls;

    public async ValueTask RunAsync(SmtpSession session, SmtpCommand command)
    {
        if (command.Argument.Length > 0)
        {
            session.Reply(501, "5.5.4", "STARTTLS takes no arguments");
            return;
        }

        if (session.Channel.HasBufferedInput)
        {
            // RFC 2920 §3.1 makes STARTTLS the last command of a group; bytes after it would be injected into the TLS session.
            session.Reply(554, "5.5.1", "Commands pipelined after STARTTLS refused");
            session.Closing = true;
            return;
        }

        session.Reply(220, "2.0.0", "Ready to start TLS");
        await session.Channel.FlushAsync().ConfigureAwait(false);
        try
        {
            await session.Connection.StartTlsAsync(session.Connection.ConnectionClosed).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            Log.Ended(session.Services.Logger, session.Connection.ConnectionId, "TLS handshake failed");
            session.Closing = true;
            return;
        }

        await session.EndTransactionAsync().ConfigureAwait(false);
        session.State = SmtpState.Connected;
        session.Helo = null;
        session.Extended = false;
    }
}
