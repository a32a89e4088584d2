namespace Portal.Protocols.Smtp.Parsing;

/// <summary>
/// One line of DATA content (RFC 5321 §4.5.2): the end-of-data marker, or text with one leading dot removed.
/// The line end is not part of <paramref name="line"/>; the caller says whether it was a proper CRLF.
/// </summary>
public static class DataLine
{
    /// <summary>True when the line is the terminating ".". Only a "." closed by CRLF counts: "&lt;LF&gt;.&lt;LF&gt;" does not (SMTP smuggling).</summary>
    public static bool IsEnd(ReadOnlySpan<byte> line, bool endedWithCrLf) => endedWithCrLf && line.Length == 1 && line[0] == (byte)'.';

    /// <summary>The line with its dot-stuffing undone (RFC 5321 §4.5.2: a leading dot is removed).</summary>
    public static ReadOnlySpan<byte> Unstuff(ReadOnlySpan<byte> line) => line.Length > 0 && line[0] == (byte)'.' ? line[1..] : line;

    /// <summary>True when a CR stands alone inside the line: bare CR is as dangerous as bare LF (RFC 5321 §2.3.8).</summary>
    public static bool HasBareCr(ReadOnlySpan<byte> line) => line.Contains((byte)'\r');
}
