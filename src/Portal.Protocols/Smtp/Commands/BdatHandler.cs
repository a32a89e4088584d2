using System.Globalization;
using Portal.Protocols.Smtp.Parsing;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp.Commands;

/// <summary>BDAT (RFC 3030 §2): chunks of exact length, no dot-stuffing. The chunk is always read, even when refused.</summary>
internal sealed class BdatHandler : ISmtpCommandHandler
{
    public SmtpVerb Verb => SmtpVerb.Bdat;

    public async ValueTask RunAsync(SmtpSession session, SmtpCommand command)
    {
        var words = command.Argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 1 or > 2
            || !long.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            || (words.Length == 2 && !words[1].Equals("LAST", StringComparison.OrdinalIgnoreCase)))
        {
            // Without a size the chunk cannot be skipped; the client will see its bytes refused as commands.
            session.Reply(501, "5.5.4", "Syntax: BDAT size [LAST]");
            return;
        }

        var last = words.Length == 2;
        if (SmtpGate.Check(session, SmtpVerb.Bdat) is { } refusal)
        {
            if (!await session.Channel.ReadExactAsync(length, null).ConfigureAwait(false))
            {
                session.Closing = true;
                return;
            }

            session.Reply(refusal);
            return;
        }

        var transaction = session.Transaction!;
        var options = session.Services.Options;
        if (transaction.Chunks is null && !transaction.ChunksRefused)
        {
            transaction.Chunks = await MessageCompletion.OpenSpoolAsync(session, MessageCompletion.NewId()).ConfigureAwait(false);
        }

        session.State = SmtpState.Chunking;
        var spool = transaction.Chunks;
        var refuse = transaction.ChunksRefused || spool is null || spool.ContentLength + length > options.MaxMessageSize;
        var ok = await session.Channel.ReadExactAsync(length, refuse ? null : spool).ConfigureAwait(false);
        if (!ok)
        {
            session.Closing = true;
            return;
        }

        if (refuse)
        {
            // RFC 3030 §2: after a failed chunk the rest of the message is read and dropped.
            transaction.ChunksRefused = true;
            if (spool is not null)
            {
                await spool.DisposeAsync().ConfigureAwait(false);
                transaction.Chunks = null;
            }

            session.Reply(552, "5.3.4", "Message size exceeds fixed maximum message size");
            if (last)
            {
                await session.EndTransactionAsync().ConfigureAwait(false);
            }

            return;
        }

        if (!last)
        {
            session.Reply(250, "2.0.0", string.Create(CultureInfo.InvariantCulture, $"{length} octets received"));
            return;
        }

        await MessageCompletion.CompleteAsync(session, spool!).ConfigureAwait(false);
        await session.EndTransactionAsync().ConfigureAwait(false);
    }
}
