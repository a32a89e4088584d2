using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Microsoft.AspNetCore.Connections;
using Portal.Core.Devices;
using Portal.Protocols.Pop3.Commands;
using Portal.Protocols.Pop3.Parsing;
using Portal.Protocols.Shared;

namespace Portal.Protocols.Pop3.Session;

/// <summary>One POP3 connection (RFC 1939): reads command lines, checks them against the state, runs them.</summary>
internal sealed class Pop3Session(ProtocolConnection connection, Pop3Services services)
{
    private int _badCommands;
    private Guid? _lockedMailbox;

    public ProtocolConnection Connection { get; } = connection;

    public Pop3Services Services { get; } = services;

    public Pop3State State { get; set; } = new Pop3State.Authorization(null);

    public bool HasBufferedInput { get; private set; }

    /// <summary>RFC 2595 §2 / RFC 8314: passwords only over TLS, or from loopback when allowed.</summary>
    public bool PlaintextAllowed => Connection.IsSecure || Services.Options.AllowPlaintextEverywhere || (Services.Options.AllowPlaintextOnLoopback && Connection.IsLoopback);

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

    public async Task FlushAsync(CancellationToken cancellationToken) => await Connection.Output.FlushAsync(cancellationToken).ConfigureAwait(false);

    public void ReportDevice(Guid mailboxId, bool synced)
    {
        var remote = Connection.RemoteAddress?.ToString();
        var activity = new DeviceActivity(mailboxId, DeviceProtocol.Pop3, "pop3@" + remote, null, remote);
        Services.Devices.DeviceSeen(activity);
        if (synced)
        {
            Services.Devices.SyncSucceeded(activity);
        }
    }

    /// <summary>Takes the maildrop lock for this session (released when the session ends).</summary>
    public bool TryLockMaildrop(Guid mailboxId)
    {
        if (!Services.Locks.TryAcquire(mailboxId, Connection.ConnectionId))
        {
            return false;
        }

        _lockedMailbox = mailboxId;
        return true;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RunCommandsAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (_lockedMailbox is { } mailboxId)
            {
                Services.Locks.Release(mailboxId, Connection.ConnectionId);
            }
        }
    }

    private async Task RunCommandsAsync(CancellationToken cancellationToken)
    {
        Log.Connected(Services.Logger, Connection.ConnectionId, Connection.RemoteAddress);
        Send("+OK Portal POP3 ready.");
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        while (State is not Pop3State.Closed)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                return;
            }

            if (!await ExecuteAsync(line, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> ExecuteAsync(byte[] line, CancellationToken cancellationToken)
    {
        Pop3Command command;
        try
        {
            command = Pop3CommandParser.Parse(line);
        }
        catch (Pop3ParseException ex)
        {
            Send("-ERR " + ex.Message);
            return await CountBadAsync(ex.Message, cancellationToken).ConfigureAwait(false);
        }

        if (Refusal(command) is { } refusal)
        {
            Send("-ERR " + refusal);
            return await CountBadAsync(refusal, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await Pop3Dispatcher.RunAsync(this, command, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not IOException and not ConnectionAbortedException)
        {
            Log.CommandFailed(Services.Logger, ex, Connection.ConnectionId);
            Send("-ERR [SYS/TEMP] The command failed on the server.");
        }

        return true;
    }

    /// <summary>The one gate: which command is allowed in which state (RFC 1939 §4-6, RFC 2449 CAPA in both).</summary>
    private string? Refusal(Pop3Command command) => (command.Verb, State) switch
    {
        ("CAPA" or "QUIT", _) => null,
        ("USER" or "PASS" or "AUTH" or "STLS", Pop3State.Authorization) => null,
        ("USER" or "PASS" or "AUTH" or "STLS", _) => "Already authenticated.",
        (_, Pop3State.Authorization) => "Authenticate first.",
        _ => null,
    };

    private async Task<bool> CountBadAsync(string reason, CancellationToken cancellationToken)
    {
        Log.BadCommand(Services.Logger, Connection.ConnectionId, reason);
        if (++_badCommands < Services.Options.MaxBadCommands)
        {
            return true;
        }

        Send("-ERR Too many bad commands; closing.");
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        return false;
    }

    /// <summary>Reads one line; null when the peer closed or stayed silent past the idle timeout.</summary>
    public async Task<byte[]?> ReadLineAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            using var timeout = new CancellationTokenSource(Services.Options.IdleTimeout, Services.Time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            ReadResult result;
            try
            {
                result = await Connection.Input.ReadAsync(linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // RFC 1939 §3: the autologout timer; no UPDATE state is entered.
                Send("-ERR Idle for too long; closing.");
                await FlushAsync(cancellationToken).ConfigureAwait(false);
                return null;
            }

            var buffer = result.Buffer;
            var status = LineReader.TryReadLine(ref buffer, Services.Options.MaxLineLength, out var line, out _);
            switch (status)
            {
                case LineStatus.Line:
                    var bytes = line.ToArray();
                    Connection.Input.AdvanceTo(buffer.Start);
                    HasBufferedInput = buffer.Length > 0;
                    return bytes;
                case LineStatus.TooLong:
                    if (buffer.Length == result.Buffer.Length)
                    {
                        // No line end yet: drop what came so far.
                        LineReader.TrySkipLine(ref buffer);
                    }

                    Connection.Input.AdvanceTo(buffer.Start);
                    Send("-ERR Line too long.");
                    await FlushAsync(cancellationToken).ConfigureAwait(false);
                    if (!await CountBadAsync("line too long", cancellationToken).ConfigureAwait(false))
                    {
                        return null;
                    }

                    continue;
                default:
                    Connection.Input.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted)
                    {
                        return null;
                    }

                    continue;
            }
        }
    }
}
