using Portal.Protocols.Pop3.Parsing;
using Portal.Protocols.Pop3.Session;

namespace Portal.Protocols.Pop3.Commands;

/// <summary>Runs a command the session's gate allowed.</summary>
internal static class Pop3Dispatcher
{
    public static Task RunAsync(Pop3Session session, Pop3Command command, CancellationToken cancellationToken)
    {
        switch (command.Verb)
        {
            case "CAPA":
                Pop3AuthCommands.Capa(session);
                return Task.CompletedTask;
            case "USER":
                Pop3AuthCommands.User(session, command);
                return Task.CompletedTask;
            case "PASS":
                return Pop3AuthCommands.PassAsync(session, command, cancellationToken);
            case "AUTH":
                return Pop3AuthCommands.AuthAsync(session, command, cancellationToken);
            case "STLS":
                return Pop3AuthCommands.StlsAsync(session, cancellationToken);
            case "QUIT":
                return Pop3MaildropCommands.QuitAsync(session, cancellationToken);
            default:
                return Pop3MaildropCommands.RunAsync(session, command, cancellationToken);
        }
    }
}
