using Portal.Protocols.Smtp.Parsing;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp.Commands;

/// <summary>NOOP (RFC 5321 §4.1.1.9).</summary>
internal sealed class NoopHandler : ISmtpCommandHandler
{
    public SmtpVerb Verb => SmtpVerb.Noop;

    public ValueTask RunAsync(SmtpSession session, SmtpCommand command)
    {
        session.Reply(250, "2.0.0", "OK");
        return ValueTask.CompletedTask;
    }
}
