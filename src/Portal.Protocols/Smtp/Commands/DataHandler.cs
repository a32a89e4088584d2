using Portal.Protocols.Smtp.Parsing;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp.Commands;

/// <summary>
/// DATA (RFC 5321 §4.1.1.4): streams dot-unstuffed lines into the spool in blocks (<see cref="DataDecoder"/>). Only CRLF.CRLF ends the data; any bare LF or
/// bare CR refuses the whole message with 554 after its end, so "&lt;LF&gt;.&lt;LF&gt;" can never smuggle a second message.
/// </summary>
internal sealed class DataHandler : ISmtpCommandHandler
{
    public SmtpVerb Verb => SmtpVerb.Data;

    public async ValueTask RunAsync(SmtpSession session, SmtpCommand command)
    {
        if (command.Argument.Length > 0)
        {
            session.Reply(501, "5.5.4", "DATA takes no arguments");
            return;
        }

        var options = session.Services.Options;
        var id = MessageCompletion.NewId();
        await using var spool = await MessageCompletion.OpenSpoolAsync(session, id).ConfigureAwait(false);
        session.Reply(354, null, "End data with <CR><LF>.<CR><LF>");
        var decoder = new DataDecoder(options.MaxTextLineLength, options.MaxMessageSize);
        var receiving = System.Diagnostics.Stopwatch.GetTimestamp();
        var complete = await session.Channel.ReadDataAsync(decoder, spool, session.Connection.ConnectionClosed).ConfigureAwait(false);
        Portal.Core.Delivery.DeliveryMetrics.Data.Record(Portal.Core.Delivery.DeliveryMetrics.Since(receiving));
        if (!complete)
        {
            // The client left before the end: the spool is deleted with nothing stored.
            session.Closing = true;
            return;
        }

        if (decoder.BareLineEnd)
        {
            Log.Refused(session.Services.Logger, session.Connection.ConnectionId, "bare LF or CR");
            session.Reply(554, "5.6.0", "Bare LF or CR in message data refused; lines must end with CRLF");
        }
        else if (decoder.LineTooLong)
        {
            session.Reply(500, "5.5.2", "Line too long (RFC 5321 §4.5.3.1.6: 998 octets plus CRLF)");
        }
        else if (decoder.TooBig)
        {
            session.Reply(552, "5.3.4", "Message size exceeds fixed maximum message size");
        }
        else
        {
            await MessageCompletion.CompleteAsync(session, spool).ConfigureAwait(false);
        }

        await session.EndTransactionAsync().ConfigureAwait(false);
    }
}
