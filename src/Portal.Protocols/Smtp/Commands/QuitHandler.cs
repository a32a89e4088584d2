using Portal.Protocols.Smtp.Parsing;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp.Commands;

/// <summary>QUIT (RFC 5321 §4.1.1.10): 221, then the server closes.</summary>
internal sealed class QuitHandler : ISmtpCommandHandler
{
    public SmtpVerb Verb => SmtpVerb.Quit;

    public ValueTask RunAsync(SmtpSession session, SmtpCommand command)
    {
        session.Reply(221, "2.0.0", "Bye");
        session.Closing = true;
        return ValueTask.CompletedTask;
    }
}
