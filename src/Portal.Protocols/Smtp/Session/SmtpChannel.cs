using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using Portal.Protocols.Shared;
using Portal.Protocols.Smtp.Parsing;

namespace Portal.Protocols.Smtp.Session;

/// <summary>
/// Line and byte reads over the connection (which STARTTLS may swap underneath), with the idle timeout. Replies are
/// buffered and flushed only before the server waits for input, so a pipelined batch (RFC 2920) gets its replies together.
/// </summary>
internal sealed class SmtpChannel : IDisposable
{
    private readonly ProtocolConnection _connection;
    private readonly TimeSpan _idle;
    private readonly CancellationTokenSource _timeout;
    private readonly CancellationTokenSource _linked;
    private readonly byte[] _line;
    private bool _needMore;
    private bool _skipping;

    public SmtpChannel(ProtocolConnection connection, TimeProvider time, TimeSpan idle, int maxLine)
    {
        _connection = connection;
        _idle = idle;
        _timeout = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(_timeout.Token, connection.ConnectionClosed);
        _line = new byte[maxLine];
    }

    /// <summary>Bytes followed the last line in what the client sent (pipelining after STARTTLS, RFC 3207 §4.2).</summary>
    public bool HasBufferedInput { get; private set; }

    public bool TimedOut => _timeout.IsCancellationRequested;

    /// <summary>Reads a line of at most <paramref name="maxLength"/> octets including CRLF.</summary>
    public async ValueTask<LineRead> ReadLineAsync(int maxLength)
    {
        while (true)
        {
            var input = _connection.Input;
            var result = await ReadAsync(input).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (_skipping)
            {
                // The rest of an over-long line, already answered: drop it up to its LF.
                if (LineReader.TrySkipLine(ref buffer))
                {
                    _skipping = false;
                }

                input.AdvanceTo(buffer.Start);
                if (_skipping && result.IsCompleted)
                {
                    return new LineRead(LineReadStatus.Closed, default, false);
                }

                continue;
            }

            var before = buffer.Length;
            switch (LineReader.TryReadLine(ref buffer, maxLength - 1, out var line, out var bareLf))
            {
                case LineStatus.Line:
                    // Copy and measure before AdvanceTo: the pipe may recycle the segments after it.
                    var length = (int)line.Length;
                    line.CopyTo(_line);
                    HasBufferedInput = buffer.Length > 0;
                    input.AdvanceTo(buffer.Start);
                    return new LineRead(LineReadStatus.Line, _line.AsMemory(0, length), bareLf);
                case LineStatus.TooLong:
                    if (buffer.Length == before)
                    {
                        // No line end yet: drop what we have and skip to it on the next read.
                        _skipping = true;
                        buffer = buffer.Slice(buffer.End);
                    }

                    input.AdvanceTo(buffer.Start);
                    return new LineRead(LineReadStatus.TooLong, default, false);
                default:
                    input.AdvanceTo(buffer.Start, buffer.End);
                    if (result.IsCompleted)
                    {
                        return new LineRead(LineReadStatus.Closed, default, false);
                    }

                    _needMore = true;
                    break;
            }
        }
    }

    /// <summary>
    /// Reads DATA content up to and including the end-of-data line through <paramref name="decoder"/>, writing what it
    /// keeps to <paramref name="spool"/> in blocks (nothing when the message is refused); false when the peer left first.
    /// </summary>
    public async ValueTask<bool> ReadDataAsync(DataDecoder decoder, MessageSpool spool, CancellationToken cancellationToken)
    {
        var block = ArrayPool<byte>.Shared.Rent(Math.Max(64 * 1024, _line.Length + 2));
        try
        {
            while (true)
            {
                var input = _connection.Input;
                var result = await ReadAsync(input).ConfigureAwait(false);
                var status = decoder.Decode(result.Buffer, block, out var consumed, out var written);
                if (status == DataDecodeStatus.NeedMore)
                {
                    input.AdvanceTo(consumed, result.Buffer.End);
                }
                else
                {
                    HasBufferedInput = !result.Buffer.Slice(consumed).IsEmpty;
                    input.AdvanceTo(consumed);
                }

                if (written > 0)
                {
                    await spool.WriteAsync(block.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
                }

                if (status == DataDecodeStatus.End)
                {
                    return true;
                }

                if (status == DataDecodeStatus.NeedMore)
                {
                    if (result.IsCompleted)
                    {
                        return false;
                    }

                    _needMore = true;
                    _connection.AcknowledgeNow();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    /// <summary>Copies exactly <paramref name="count"/> bytes to <paramref name="destination"/> (or drops them); false when the peer left first.</summary>
    public async ValueTask<bool> ReadExactAsync(long count, MessageSpool? destination)
    {
        while (count > 0)
        {
            var input = _connection.Input;
            var result = await ReadAsync(input).ConfigureAwait(false);
            var buffer = result.Buffer;
            var take = buffer.Slice(0, Math.Min(count, buffer.Length));
            if (destination is not null)
            {
                foreach (var segment in take)
                {
                    await destination.WriteAsync(segment, _linked.Token).ConfigureAwait(false);
                }
            }

            count -= take.Length;
            input.AdvanceTo(take.End);
            if (count > 0 && result.IsCompleted)
            {
                return false;
            }

            _needMore = count > 0;
            if (_needMore)
            {
                _connection.AcknowledgeNow();
            }
        }

        return true;
    }

    public void Write(string text) => Encoding.UTF8.GetBytes(text, _connection.Output);

    public async ValueTask FlushAsync() => await _connection.Output.FlushAsync(_linked.Token).ConfigureAwait(false);

    public void Dispose()
    {
        _linked.Dispose();
        _timeout.Dispose();
    }

    private async ValueTask<ReadResult> ReadAsync(PipeReader input)
    {
        if (!_needMore && input.TryRead(out var buffered))
        {
            return buffered;
        }

        _needMore = false;
        await FlushAsync().ConfigureAwait(false);
        _timeout.CancelAfter(_idle);
        return await input.ReadAsync(_linked.Token).ConfigureAwait(false);
    }
}
