namespace Portal.Protocols.Imap.Parsing;

/// <summary>
/// One whole command as read off the wire: the line text with every literal's bytes taken out (the <c>{n}</c>
/// announcement stays in the text and the bytes are in <see cref="Literals"/>, in order).
/// </summary>
public sealed class ImapFrame(byte[] text, IReadOnlyList<byte[]> literals)
{
    public byte[] Text { get; } = text;

    public IReadOnlyList<byte[]> Literals { get; } = literals;
}
