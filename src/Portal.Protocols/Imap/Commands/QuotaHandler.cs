using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Tenancy;
using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>
/// QUOTA (RFC 9208) with one root, "", per mailbox: STORAGE in KiB over all folders, the limit from
/// <see cref="Mailbox.QuotaBytes"/>. A mailbox without a limit has no quota root (§4.3). SETQUOTA is for administrators.
/// </summary>
internal static class QuotaHandler
{
    public static async Task RunAsync(ImapSession session, ImapCommand.Quota command, CancellationToken cancellationToken)
    {
        if (command.Verb == "SETQUOTA")
        {
            session.Send($"{command.Tag} NO [NOPERM] Quotas are set by the administrator.");
            return;
        }

        long limit;
        await using (var scope = session.Services.Scopes.CreateAsyncScope())
        {
            var mailbox = await scope.ServiceProvider.GetRequiredService<IAccountService>().FindMailboxAsync(session.Address, cancellationToken).ConfigureAwait(false);
            limit = mailbox?.QuotaBytes ?? 0;
        }

        if (command.Verb == "GETQUOTAROOT")
        {
            if (await session.Store.FindFolderAsync(session.MailboxId, command.Argument, cancellationToken).ConfigureAwait(false) is null)
            {
                session.Send($"{command.Tag} NO [NONEXISTENT] No such mailbox.");
                return;
            }

            session.Send($"* QUOTAROOT {session.WireName(command.Argument)}{(limit > 0 ? " \"\"" : string.Empty)}");
        }
        else if (command.Argument.Length != 0 || limit == 0)
        {
            session.Send($"{command.Tag} NO [NONEXISTENT] No such quota root.");
            return;
        }

        if (limit > 0)
        {
            // Each folder row keeps its own total size (FolderCounts): no message row is read.
            var used = (await session.Store.ListFoldersAsync(session.MailboxId, cancellationToken).ConfigureAwait(false)).Sum(f => f.TotalSize);

            session.Send($"* QUOTA \"\" (STORAGE {ImapFormat.Number((used + 1023) / 1024)} {ImapFormat.Number(limit / 1024)})");
        }

        session.Send($"{command.Tag} OK {command.Verb} completed.");
    }
}
