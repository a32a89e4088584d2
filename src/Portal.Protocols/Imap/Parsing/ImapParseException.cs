namespace Portal.Protocols.Imap.Parsing;

/// <summary>A command that does not follow the grammar; the message becomes the reason in the BAD (or, when <see cref="Refused"/>, NO) reply.</summary>
public sealed class ImapParseException : Exception
{
    public ImapParseException()
    {
    }

    public ImapParseException(string message)
        : base(message)
    {
    }

    public ImapParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The command follows the grammar but asks for what is not supported: a NO, not a BAD (e.g. BADCHARSET).</summary>
    public bool Refused { get; init; }
}
