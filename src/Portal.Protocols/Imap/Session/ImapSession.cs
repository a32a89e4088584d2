using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Portal.Core.Devices;
using Portal.Core.Mail;
using Portal.Protocols.Imap.Commands;
using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Shared;

namespace Portal.Protocols.Imap.Session;

/// <summary>One IMAP connection: reads commands, checks them against the state, runs them and writes the replies.</summary>
internal sealed partial class ImapSession(ProtocolConnection connection, ImapServices services)
{
    private int _badCommands;
    private string? _reportedDevice;

    public ProtocolConnection Connection { get; } = connection;

    public ImapServices Services { get; } = services;

    public ImapOptions Options => Services.Options;

    public IMessageStore Store => Services.Store;

    public ImapState State { get; set; } = new ImapState.NotAuthenticated();

    /// <summary>RFC 7162 §3.1: CONDSTORE is on once the client used it (ENABLE, SELECT (CONDSTORE), MODSEQ items).</summary>
    public bool CondStoreEnabled { get; set; }

    /// <summary>RFC 7162 §3.2.3: after ENABLE QRESYNC, expunges are reported as VANISHED and SELECT takes QRESYNC.</summary>
    public bool QResyncEnabled { get; set; }

    /// <summary>RFC 9051 §6.3.1: after ENABLE IMAP4rev2 the session follows IMAP4rev2 where it differs from IMAP4rev1 (appendix E).</summary>
    public bool Rev2Enabled { get; set; }

    /// <summary>RFC 6855 §3 (and IMAP4rev2): mailbox names and strings are UTF-8 rather than modified UTF-7.</summary>
    public bool Utf8Enabled { get; set; }

    /// <summary>RFC 4978: COMPRESS=DEFLATE is active (it cannot be started twice).</summary>
    public bool Compressed { get; set; }

    public string? ClientName { get; set; }

    /// <summary>Bytes after the last command that were already received (pipelined), for the STARTTLS check.</summary>
    public bool HasBufferedInput { get; private set; }

    /// <summary>RFC 3501 §6.2.3 / RFC 8314: plaintext passwords only over TLS, or from loopback when allowed.</summary>
    public bool PlaintextAllowed => Connection.IsSecure || Options.AllowPlaintextEverywhere || (Options.AllowPlaintextOnLoopback && Connection.IsLoopback);

    public Guid MailboxId => State switch
    {
        ImapState.Authenticated a => a.MailboxId,
        ImapState.Selected s => s.MailboxId,
        _ => throw new InvalidOperationException("Not authenticated."),
    };

    public string Address => State switch
    {
        ImapState.Authenticated a => a.Address,
        ImapState.Selected s => s.Address,
        _ => throw new InvalidOperationException("Not authenticated."),
    };

    public SelectedFolder? Selected => (State as ImapState.Selected)?.Folder;

    public string Capabilities()
    {
        var caps = new List<string> { "IMAP4rev1", "IMAP4rev2", "LITERAL+", "SASL-IR", "ID", "ENABLE", "IDLE", "NAMESPACE" };
        if (State is ImapState.NotAuthenticated)
        {
            if (!Connection.IsSecure)
            {
                caps.Add("STARTTLS");
            }

            caps.Add(PlaintextAllowed ? "AUTH=PLAIN" : "LOGINDISABLED");
        }
        else
        {
            caps.AddRange(["UIDPLUS", "MOVE", "SPECIAL-USE", "CHILDREN", "UNSELECT", "CONDSTORE", "QRESYNC", "ESEARCH", "SORT", "THREAD=ORDEREDSUBJECT", "THREAD=REFERENCES", "QUOTA", "QUOTA=RES-STORAGE",
                "LIST-EXTENDED", "LIST-STATUS", "STATUS=SIZE", "SEARCHRES", "UTF8=ACCEPT", "BINARY",
                "APPENDLIMIT=" + Options.MaxLiteralSize.ToString(CultureInfo.InvariantCulture)]);
            if (!Compressed)
            {
                caps.Add("COMPRESS=DEFLATE");
            }
        }

        return string.Join(' ', caps);
    }

    /// <summary>A stored folder name as the client wants it on the wire (UTF-8 or modified UTF-7), as an IMAP string.</summary>
    public string WireName(string name) => MailboxNames.Wire(name, Utf8Enabled);

    public void Send(string line)
    {
        var output = Connection.Output;
        var count = Encoding.UTF8.GetByteCount(line) + 2;
        var span = output.GetSpan(count);
        var written = Encoding.UTF8.GetBytes(line, span);
        span[written] = (byte)'\r';
        span[written + 1] = (byte)'\n';
        output.Advance(count);
    }

    /// <summary>Writes text without a line end (the start of a response that continues with a literal).</summary>
    public void SendPartial(string text)
    {
        var output = Connection.Output;
        var count = Encoding.UTF8.GetByteCount(text);
        var written = Encoding.UTF8.GetBytes(text, output.GetSpan(count));
        output.Advance(written);
    }

    public void SendBytes(ReadOnlySpan<byte> bytes) => Connection.Output.Write(bytes);

    /// <summary>Writes a number in ASCII digits without making a string.</summary>
    public void SendNumber(long value)
    {
        var output = Connection.Output;
        value.TryFormat(output.GetSpan(20), out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    public async Task FlushAsync(CancellationToken cancellationToken) => await Connection.Output.FlushAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Flushes once 64 KB are waiting (always, when the writer cannot tell): long replies go out in few writes.</summary>
    public async Task FlushIfFullAsync(CancellationToken cancellationToken)
    {
        var output = Connection.Output;
        if (!output.CanGetUnflushedBytes || output.UnflushedBytes >= 65536)
        {
            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void ReportDevice(bool synced = false)
    {
        if (State is ImapState.NotAuthenticated or ImapState.Logout)
        {
            return;
        }

        var remote = Connection.RemoteAddress?.ToString();
        var name = ClientName ?? "IMAP client";
        var activity = new DeviceActivity(MailboxId, DeviceProtocol.Imap, "imap:" + name + "@" + remote, ClientName, remote);
        if (_reportedDevice != activity.DeviceId)
        {
            Services.Devices.DeviceSeen(activity);
            _reportedDevice = activity.DeviceId;
        }

        if (synced)
        {
            Services.Devices.SyncSucceeded(activity);
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        Log.Connected(Services.Logger, Connection.ConnectionId, Connection.RemoteAddress);
        Send($"* OK [CAPABILITY {Capabilities()}] Portal IMAP ready");
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        var framer = new ImapFramer(Options.MaxLineLength, Options.MaxLiteralSize);
        while (State is not ImapState.Logout)
        {
            var (status, frame) = await ReadFrameAsync(framer, cancellationToken).ConfigureAwait(false);
            switch (status)
            {
                case null:
                    return;
                case FrameStatus.LineTooLong:
                    Send("* BAD Command line too long.");
                    if (!await CountBadAsync("line too long", cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    continue;
                case FrameStatus.LiteralTooLarge:
                    var size = framer.AnnouncedLiteralSize.ToString(CultureInfo.InvariantCulture);
                    var limit = Options.MaxLiteralSize.ToString(CultureInfo.InvariantCulture);
                    if (framer.AnnouncedNonSynchronizing)
                    {
                        // RFC 7888 §4: the bytes of a too-large LITERAL+ are already coming; the only safe answer is to close.
                        Send($"* BYE [TOOBIG] Literal of {size} bytes exceeds the limit of {limit}.");
                        await FlushAsync(cancellationToken).ConfigureAwait(false);
                        return;
                    }

                    // RFC 7889 §4 / RFC 9051 §7.1: refused before the client sends it (no continuation was given).
                    Send($"{framer.CurrentTag} NO [TOOBIG] Literal of {size} bytes exceeds the limit of {limit}.");
                    framer.Reset();
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                    continue;
            }

            if (!await ExecuteAsync(frame!, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> ExecuteAsync(ImapFrame frame, CancellationToken cancellationToken)
    {
        ImapCommand command;
        try
        {
            command = MailboxNames.Decode(ImapCommandParser.Parse(frame), Utf8Enabled);
        }
        catch (ImapParseException ex) when (ex.Refused)
        {
            Send($"{ImapCommandParser.TagOf(frame)} NO {ex.Message}");
            return true;
        }
        catch (ImapParseException ex)
        {
            Send($"{ImapCommandParser.TagOf(frame)} BAD {ex.Message}");
            return await CountBadAsync(ex.Message, cancellationToken).ConfigureAwait(false);
        }

        if (CommandGate.Refusal(command, State) is { } refusal)
        {
            Send($"{command.Tag} BAD {refusal}");
            return await CountBadAsync(refusal, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await CommandDispatcher.RunAsync(this, command, cancellationToken).ConfigureAwait(false);
        }
        catch (MailStoreException ex)
        {
            var code = ex.Error switch
            {
                MailStoreError.NotFound => "[NONEXISTENT] ",
                MailStoreError.AlreadyExists => "[ALREADYEXISTS] ",
                MailStoreError.NotAllowed or MailStoreError.HasChildren => "[CANNOT] ",
                _ => string.Empty,
            };
            Send($"{command.Tag} NO {code}{ex.Message}");
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not IOException and not ConnectionAbortedException)
        {
            Log.CommandFailed(Services.Logger, ex, Connection.ConnectionId);
            Send($"{command.Tag} NO [SERVERBUG] The command failed on the server.");
        }

        return true;
    }

    private async Task<bool> CountBadAsync(string reason, CancellationToken cancellationToken)
    {
        Log.BadCommand(Services.Logger, Connection.ConnectionId, reason);
        if (++_badCommands < Options.MaxBadCommands)
        {
            return true;
        }

        Log.TooManyBadCommands(Services.Logger, Connection.ConnectionId);
        Send("* BYE Too many bad commands.");
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>Reads one whole command, answering continuation requests for synchronising literals; null status when the connection ended.</summary>
    private async Task<(FrameStatus? Status, ImapFrame? Frame)> ReadFrameAsync(ImapFramer framer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read is not { } result)
            {
                return (null, null);
            }

            var buffer = result.Buffer;
            var status = framer.TryRead(ref buffer, out var frame);
            if (status == FrameStatus.NeedMore)
            {
                Connection.Input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return (null, null);
                }

                // Mid-command (mostly inside a literal): a Nagle client holds its short last piece until this is acknowledged.
                Connection.AcknowledgeNow();
                continue;
            }

            Connection.Input.AdvanceTo(buffer.Start);
            HasBufferedInput = buffer.Length > 0;
            if (status == FrameStatus.ContinuationNeeded)
            {
                Send("+ Ready for literal data");
                await FlushAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            return (status, frame);
        }
    }

    /// <summary>Reads one raw line (SASL responses, IDLE's DONE); null when the connection ended.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var read = await ReadAsync(cancellationToken).ConfigureAwait(false);
            if (read is not { } result)
            {
                return null;
            }

            var buffer = result.Buffer;
            var status = LineReader.TryReadLine(ref buffer, Options.MaxLineLength, out var line, out _);
            if (status == LineStatus.NeedMore)
            {
                Connection.Input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted)
                {
                    return null;
                }

                continue;
            }

            var text = status == LineStatus.Line ? Encoding.UTF8.GetString(line) : string.Empty;
            Connection.Input.AdvanceTo(buffer.Start);
            return text;
        }
    }

    /// <summary>One read with the idle timeout; null when the peer closed or went silent too long.</summary>
    private async Task<ReadResult?> ReadAsync(CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(Options.IdleTimeout, Services.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            var result = await Connection.Input.ReadAsync(linked.Token).ConfigureAwait(false);
            if (result.IsCanceled || (result.IsCompleted && result.Buffer.IsEmpty))
            {
                return null;
            }

            return result;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // RFC 9051 §5.4: an inactivity autologout.
            Send("* BYE Idle for too long.");
            await FlushAsync(cancellationToken).ConfigureAwait(false);
            Log.Disconnected(Services.Logger, Connection.ConnectionId, "idle timeout");
            return null;
        }
    }
}
