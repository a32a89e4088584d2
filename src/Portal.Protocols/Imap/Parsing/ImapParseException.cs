namespace Portal.Protocols.Imap.Parsing;

/// <summary>A command that does not follow the grammar; the message becomes the reason in the BAD reply.</summary>
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
}
