using System.Globalization;
using Portal.Core.Mail;
using Portal.Protocols.Pop3.Parsing;
using Portal.Protocols.Pop3.Session;

namespace Portal.Protocols.Pop3.Commands;

/// <summary>The TRANSACTION commands (RFC 1939 §5, RFC 2449 TOP/UIDL) and QUIT with the UPDATE state (§6).</summary>
internal static class Pop3MaildropCommands
{
    public static async Task RunAsync(Pop3Session session, Pop3Command command, CancellationToken cancellationToken)
    {
        var transaction = (Pop3State.Transaction)session.State;
        var maildrop = transaction.Maildrop;
        switch (command.Verb)
        {
            case "STAT":
                var live = maildrop.Live().ToList();
                session.Send($"+OK {N(live.Count)} {N(live.Sum(p => p.Message.Size))}");
                break;
            case "LIST" or "UIDL":
                var uidl = command.Verb == "UIDL";
                if (command.Arguments.Count == 1)
                {
                    var number = command.Number(0);
                    if (maildrop.Get(number) is not { } one)
                    {
                        session.Send("-ERR No such message.");
                        return;
                    }

                    session.Send($"+OK {N(number)} {(uidl ? maildrop.UniqueId(one) : N(one.Size))}");
                    return;
                }

                session.Send("+OK Listing follows.");
                foreach (var (number, message) in maildrop.Live())
                {
                    session.Send($"{N(number)} {(uidl ? maildrop.UniqueId(message) : N(message.Size))}");
                }

                session.Send(".");
                break;
            case "RETR" or "TOP":
                var wanted = command.Number(0);
                if (maildrop.Get(wanted) is not { } summary)
                {
                    session.Send("-ERR No such message.");
                    return;
                }

                var messages = await session.Services.Store.ListMessagesAsync(maildrop.FolderId, summary.Uid, summary.Uid, cancellationToken).ConfigureAwait(false);
                if (messages.Count == 0)
                {
                    // Removed by another client since this session numbered the maildrop.
                    session.Send("-ERR The message was deleted by another session.");
                    return;
                }

                session.Send(command.Verb == "RETR" ? $"+OK {N(summary.Size)} octets." : "+OK Top of message follows.");
                var stream = await session.Services.Store.OpenContentAsync(messages[0], cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    await DotStuffer.CopyAsync(stream, session.Connection.Output, command.Verb == "TOP" ? command.Number(1) : null, cancellationToken).ConfigureAwait(false);
                }

                session.Send(".");
                if (command.Verb == "RETR")
                {
                    maildrop.Retrieved(wanted);
                    session.ReportDevice(transaction.MailboxId, synced: true);
                }

                break;
            case "DELE":
                var doomed = command.Number(0);
                if (maildrop.Get(doomed) is null)
                {
                    session.Send("-ERR No such message or already deleted.");
                    return;
                }

                maildrop.Delete(doomed);
                session.Send($"+OK Message {N(doomed)} marked for deletion at QUIT.");
                break;
            case "RSET":
                maildrop.Reset();
                session.Send($"+OK {N(maildrop.Count)} messages.");
                break;
            case "NOOP":
                session.Send("+OK");
                break;
            default:
                session.Send("-ERR Unknown command.");
                break;
        }
    }

    public static async Task QuitAsync(Pop3Session session, CancellationToken cancellationToken)
    {
        if (session.State is Pop3State.Transaction { Maildrop: var maildrop } transaction)
        {
            // RFC 1939 §6: the UPDATE state removes the marked messages, and only now.
            var uids = maildrop.ToRemove();
            if (uids.Count > 0)
            {
                var removed = await session.Services.Store.ExpungeAsync(maildrop.FolderId, uids, cancellationToken).ConfigureAwait(false);
                Log.Expunged(session.Services.Logger, transaction.Address, removed.Count);
            }
        }

        session.State = new Pop3State.Closed();
        session.Send("+OK Portal POP3 signing off.");
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
