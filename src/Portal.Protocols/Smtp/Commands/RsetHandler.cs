using Portal.Protocols.Smtp.Parsing;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp.Commands;

/// <summary>RSET (RFC 5321 §4.1.1.5): drops the transaction, keeps the greeting.</summary>
internal sealed class RsetHandler : ISmtpCommandHandler
{
    public SmtpVerb Verb => SmtpVerb.Rset;

    public async ValueTask RunAsync(SmtpSession session, SmtpCommand command)
    {
        await session.EndTransactionAsync().ConfigureAwait(false);
        session.Reply(250, "2.0.0", "Reset");
    }
}
