namespace Portal.Protocols.Pop3.Parsing;

/// <summary>A command line that does not follow RFC 1939; the message is the reason in the -ERR reply.</summary>
public sealed class Pop3ParseException : Exception
{
    public Pop3ParseException()
    {
    }

    public Pop3ParseException(string message)
        : base(message)
    {
    }

    public Pop3ParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
