using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>Runs a command that <see cref="CommandGate"/> allowed in the current state.</summary>
internal static class CommandDispatcher
{
    public static async Task RunAsync(ImapSession session, ImapCommand command, CancellationToken cancellationToken)
    {
        switch (command)
        {
            case ImapCommand.Simple { Verb: "CAPABILITY" }:
                SessionCommands.Capability(session, command);
                break;
            case ImapCommand.Simple { Verb: "NOOP" or "CHECK" } simple:
                await SessionCommands.NoopAsync(session, simple, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Simple { Verb: "LOGOUT" }:
                SessionCommands.Logout(session, command);
                break;
            case ImapCommand.Simple { Verb: "STARTTLS" }:
                await SessionCommands.StartTlsAsync(session, command, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Simple { Verb: "NAMESPACE" }:
                SessionCommands.Namespace(session, command);
                break;
            case ImapCommand.Simple { Verb: "CLOSE" or "UNSELECT" } simple:
                await SelectCommands.CloseAsync(session, simple, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Simple { Verb: "EXPUNGE" } simple:
                await ExpungeHandler.ExpungeAsync(session, simple, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Simple { Verb: "IDLE" } simple:
                await IdleHandler.RunAsync(session, simple, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Login login:
                await AuthCommands.LoginAsync(session, login, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Authenticate authenticate:
                await AuthCommands.AuthenticateAsync(session, authenticate, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Id id:
                SessionCommands.Id(session, id);
                break;
            case ImapCommand.Enable enable:
                SessionCommands.Enable(session, enable);
                break;
            case ImapCommand.MailboxVerb { Verb: "SELECT" or "EXAMINE" } select:
                await SelectCommands.SelectAsync(session, select, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.MailboxVerb verb:
                await FolderCommands.MailboxVerbAsync(session, verb, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Rename rename:
                await FolderCommands.RenameAsync(session, rename, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.List list:
                await FolderCommands.ListAsync(session, list, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Status status:
                await FolderCommands.StatusAsync(session, status, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Append append:
                await AppendHandler.RunAsync(session, append, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Fetch fetch:
                await FetchHandler.RunAsync(session, fetch, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Store store:
                await StoreHandler.RunAsync(session, store, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Copy copy:
                await CopyHandler.RunAsync(session, copy, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.UidExpunge uidExpunge:
                await ExpungeHandler.UidExpungeAsync(session, uidExpunge, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Search search:
                // RFC 9051 §6.4.4: an IMAP4rev2 session always gets ESEARCH; no RETURN options means ALL.
                await SearchHandler.RunAsync(session, session.Rev2Enabled && search.Return is null ? search with { Return = [] } : search, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Quota quota:
                await QuotaHandler.RunAsync(session, quota, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Sort sort:
                await SortHandler.RunAsync(session, sort, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Thread thread:
                await ThreadHandler.RunAsync(session, thread, cancellationToken).ConfigureAwait(false);
                break;
            case ImapCommand.Compress compress:
                await SessionCommands.CompressAsync(session, compress, cancellationToken).ConfigureAwait(false);
                break;
            default:
                session.Send($"{command.Tag} BAD Command not supported.");
                break;
        }
    }
}
