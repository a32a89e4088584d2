using Portal.Protocols.Smtp.Parsing;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp.Commands;

/// <summary>HELP (RFC 5321 §4.1.1.8).</summary>
internal sealed class HelpHandler : ISmtpCommandHandler
{
    public SmtpVerb Verb => SmtpVerb.Help;

    public ValueTask RunAsync(SmtpSession session, SmtpCommand command)
    {
        session.Reply(214, "2.0.0", "Commands: EHLO HELO MAIL RCPT DATA BDAT RSET NOOP QUIT VRFY HELP STARTTLS AUTH");
        return ValueTask.CompletedTask;
    }
}
