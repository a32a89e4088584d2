using Portal.Protocols.Smtp.Parsing;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp.Commands;

/// <summary>Runs one verb. <see cref="SmtpGate"/> has already allowed it (except BDAT, which must read its chunk first).</summary>
internal interface ISmtpCommandHandler
{
    SmtpVerb Verb { get; }

    ValueTask RunAsync(SmtpSession session, SmtpCommand command);
}
