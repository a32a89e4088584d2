using Portal.Protocols.Imap.Parsing;

namespace Portal.Protocols.Imap.Session;

/// <summary>The one place that says which command is allowed in which state (RFC 3501 §6).</summary>
internal static class CommandGate
{
    public static string? Refusal(ImapCommand command, ImapState state) => (command, state) switch
    {
        (_, ImapState.Logout) => "Logging out.",
        (ImapCommand.Simple { Verb: "CAPABILITY" or "NOOP" or "LOGOUT" }, _) => null,
        (ImapCommand.Id, _) => null,
        (ImapCommand.Simple { Verb: "STARTTLS" }, ImapState.NotAuthenticated) => null,
        (ImapCommand.Login or ImapCommand.Authenticate, ImapState.NotAuthenticated) => null,
        (ImapCommand.Simple { Verb: "STARTTLS" } or ImapCommand.Login or ImapCommand.Authenticate, _) => "Already authenticated.",
        (_, ImapState.NotAuthenticated) => "Authenticate first.",

        // RFC 9051 §6.3.1 / RFC 5161 §3.1: ENABLE belongs to the authenticated state.
        (ImapCommand.Enable, ImapState.Selected) => "ENABLE is only allowed before a mailbox is selected.",
        (ImapCommand.Simple { Verb: "CHECK" or "CLOSE" or "UNSELECT" or "EXPUNGE" }, ImapState.Authenticated) => "Select a mailbox first.",
        (ImapCommand.Fetch or ImapCommand.Store or ImapCommand.Copy or ImapCommand.UidExpunge or ImapCommand.Search or ImapCommand.Sort or ImapCommand.Thread, ImapState.Authenticated) => "Select a mailbox first.",
        _ => null,
    };
}
