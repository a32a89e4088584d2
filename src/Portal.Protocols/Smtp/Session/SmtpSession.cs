using System.Globalization;
using Portal.Protocols.Shared;
using Portal.Protocols.Smtp.Parsing;

namespace Portal.Protocols.Smtp.Session;

/// <summary>
/// One SMTP conversation: the state of <see cref="SmtpState"/>, the open transaction, who authenticated, and the
/// command loop. Commands run one at a time in arrival order; handlers live in <c>Smtp/Commands</c>.
/// </summary>
internal sealed class SmtpSession : IAsyncDisposable
{
    public SmtpSession(ProtocolConnection connection, SmtpMode mode, SmtpServices services)
    {
        Connection = connection;
        Mode = mode;
        Services = services;
        var options = services.Options;
        Channel = new SmtpChannel(connection, services.Time, options.IdleTimeout, Math.Max(options.MaxCommandLineLength, options.MaxTextLineLength));
    }

    public ProtocolConnection Connection { get; }

    public SmtpMode Mode { get; }

    public SmtpServices Services { get; }

    public SmtpChannel Channel { get; }

    public SmtpState State { get; set; } = SmtpState.Connected;

    /// <summary>The EHLO/HELO argument; null before it and after STARTTLS.</summary>
    public string? Helo { get; set; }

    /// <summary>EHLO (not HELO) was used: ESMTP.</summary>
    public bool Extended { get; set; }

    public SmtpTransaction? Transaction { get; private set; }

    public Guid? MailboxId { get; set; }

    public string? AuthenticatedAddress { get; set; }

    public bool Closing { get; set; }

    private int Errors { get; set; }

    public async Task RunAsync()
    {
        var options = Services.Options;
        Log.Connected(Services.Logger, Connection.ConnectionId, Connection.RemoteAddress, Mode.ToString());
        Reply(220, null, $"{options.HostName} ESMTP Portal");
        try
        {
            while (!Closing)
            {
                var read = await Channel.ReadLineAsync(options.MaxCommandLineLength).ConfigureAwait(false);
                if (read.Status == LineReadStatus.Closed)
                {
                    break;
                }

                if (read.Status == LineReadStatus.TooLong)
                {
                    Reply(500, "5.5.2", "Line too long");
                }
                else if (read.BareLf)
                {
                    // RFC 5321 §2.3.8: lines end in CRLF; a bare LF is refused rather than guessed at.
                    Reply(500, "5.5.2", "Bare LF in command; lines must end with CRLF");
                }
                else if (!SmtpCommandParser.TryParse(read.Line.Span, out var command))
                {
                    Reply(500, "5.5.2", "Syntax error");
                }
                else
                {
                    await Services.Commands.RunAsync(this, command).ConfigureAwait(false);
                }

                if (!Closing && Errors >= options.MaxErrors)
                {
                    Log.TooManyErrors(Services.Logger, Connection.ConnectionId, Connection.RemoteAddress);
                    Reply(421, "4.7.0", "Too many errors, closing connection");
                    Closing = true;
                }
            }

            await Channel.FlushAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Channel.TimedOut)
        {
            // RFC 5321 §4.5.3.2: the server may close an idle connection, with a 421.
            Reply(421, "4.4.2", "Idle timeout, closing connection");
            await Connection.Output.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Queues a one-line reply; it is sent before the server next waits for input. 4xx and 5xx count as errors.</summary>
    public void Reply(int code, string? enhanced, string text)
    {
        if (code >= 400 && code != 421)
        {
            Errors++;
        }

        Channel.Write(enhanced is null
            ? string.Create(CultureInfo.InvariantCulture, $"{code} {text}\r\n")
            : string.Create(CultureInfo.InvariantCulture, $"{code} {enhanced} {text}\r\n"));
    }

    public void Reply(SmtpReply reply) => Reply(reply.Code, reply.Enhanced, reply.Text);

    /// <summary>A multi-line reply (RFC 5321 §4.2.1): every line but the last has a hyphen after the code.</summary>
    public void ReplyLines(int code, IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            Channel.Write(string.Create(CultureInfo.InvariantCulture, $"{code}{(i == lines.Count - 1 ? ' ' : '-')}{lines[i]}\r\n"));
        }
    }

    public async ValueTask BeginTransactionAsync(SmtpTransaction transaction)
    {
        await EndTransactionAsync().ConfigureAwait(false);
        Transaction = transaction;
        State = SmtpState.Mail;
    }

    /// <summary>Drops the transaction (RSET, EHLO, end of DATA, STARTTLS); the session stays greeted unless told otherwise.</summary>
    public async ValueTask EndTransactionAsync()
    {
        if (Transaction is not null)
        {
            await Transaction.DisposeAsync().ConfigureAwait(false);
            Transaction = null;
        }

        if (State != SmtpState.Connected)
        {
            State = SmtpState.Ready;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await EndTransactionAsync().ConfigureAwait(false);
        Channel.Dispose();
    }
}
