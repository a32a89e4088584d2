using Portal.Protocols.Smtp.Parsing;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp.Commands;

/// <summary>VRFY: 252 without looking the user up (RFC 5321 §3.5.3), so the command cannot harvest addresses.</summary>
internal sealed class VrfyHandler : ISmtpCommandHandler
{
    public SmtpVerb Verb => SmtpVerb.Vrfy;

    public ValueTask RunAsync(SmtpSession session, SmtpCommand command)
    {
        if (command.Argument.Length == 0)
        {
            session.Reply(501, "5.5.4", "Syntax: VRFY address");
        }
        else
        {
            session.Reply(252, "2.5.0", "Cannot VRFY user, but will accept message and attempt delivery");
        }

        return ValueTask.CompletedTask;
    }
}
