using System.Buffers;
using System.IO.Pipelines;

namespace Portal.Protocols.Pop3.Commands;

/// <summary>
/// Streams a message as a POP3 multi-line response (RFC 1939 §3): a line starting with "." gets another ".", and the
/// data ends with CRLF before the terminating ".". For TOP, only the headers, the blank line and n body lines go out.
/// </summary>
internal static class DotStuffer
{
    public static async Task CopyAsync(Stream source, PipeWriter output, int? bodyLines, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        var atLineStart = true;
        var lineLength = 0;
        var inBody = false;
        var linesLeft = bodyLines ?? int.MaxValue;
        var lastByte = (byte)'\n';
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            var span = output.GetSpan(read * 2);
            var written = 0;
            for (var i = 0; i < read; i++)
            {
                var b = buffer[i];
                if (atLineStart && inBody && linesLeft <= 0)
                {
                    output.Advance(written);
                    await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (atLineStart && b == (byte)'.')
                {
                    span[written++] = (byte)'.';
                }

                span[written++] = b;
                lastByte = b;
                atLineStart = b == (byte)'\n';
                if (!atLineStart)
                {
                    lineLength += b == (byte)'\r' ? 0 : 1;
                    continue;
                }

                if (inBody)
                {
                    linesLeft--;
                }
                else if (lineLength == 0)
                {
                    inBody = true;
                }

                lineLength = 0;
            }

            output.Advance(written);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        if (lastByte != (byte)'\n')
        {
            output.Write("\r\n"u8);
        }
    }
}
