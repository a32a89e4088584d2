using Portal.Protocols.Smtp.Parsing;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp.Commands;

/// <summary>Dispatches a parsed command to its handler after <see cref="SmtpGate"/>.</summary>
internal sealed class SmtpCommands(IEnumerable<ISmtpCommandHandler> handlers)
{
    private readonly Dictionary<SmtpVerb, ISmtpCommandHandler> _handlers = handlers.ToDictionary(h => h.Verb);

    public async ValueTask RunAsync(SmtpSession session, SmtpCommand command)
    {
        // RFC 3030 §2: a BDAT chunk is read even when the command is refused, so the handler checks the gate itself.
        if (command.Verb != SmtpVerb.Bdat && SmtpGate.Check(session, command.Verb) is { } refusal)
        {
            session.Reply(refusal);
            return;
        }

        if (_handlers.TryGetValue(command.Verb, out var handler))
        {
            await handler.RunAsync(session, command).ConfigureAwait(false);
        }
        else
        {
            // RFC 5321 §4.2.4: recognised but not implemented.
            session.Reply(502, "5.5.1", "Command not implemented");
        }
    }
}
