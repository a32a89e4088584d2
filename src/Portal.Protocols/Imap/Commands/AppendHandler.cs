using Portal.Core.Mail;
using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>APPEND with APPENDUID (RFC 3501 §6.3.11, RFC 4315 §3). The literal was size-checked before it was read.</summary>
internal static class AppendHandler
{
    public static async Task RunAsync(ImapSession session, ImapCommand.Append command, CancellationToken cancellationToken)
    {
        var folder = await session.Store.FindFolderAsync(session.MailboxId, command.Mailbox, cancellationToken).ConfigureAwait(false);
        if (folder is null)
        {
            // RFC 3501 §6.3.11: TRYCREATE tells the client it may CREATE and retry.
            session.Send($"{command.Tag} NO [TRYCREATE] No such mailbox.");
            return;
        }

        var (flags, keywords, unknown) = ImapFormat.ParseFlags(command.Flags);
        if (unknown is not null)
        {
            session.Send($"{command.Tag} BAD Unknown system flag {unknown}.");
            return;
        }

        using var content = new MemoryStream(command.Message, writable: false);
        var result = await session.Store.AppendAsync(folder.Id, new AppendRequest(content, flags, keywords, command.Date?.UtcDateTime), cancellationToken).ConfigureAwait(false);
        await session.SendUpdatesAsync(byUid: false, cancellationToken).ConfigureAwait(false);
        session.Send($"{command.Tag} OK [APPENDUID {ImapFormat.Number(result.UidValidity)} {ImapFormat.Number(result.Uid)}] APPEND completed.");
    }
}
