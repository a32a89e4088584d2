namespace Portal.Core.Mail;

/// <summary>A folder operation the store refused, with the reason a protocol maps to its own reply.</summary>
public sealed class MailStoreException : Exception
{
    public MailStoreException()
    {
    }

    public MailStoreException(string message)
        : base(message)
    {
    }

    public MailStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MailStoreException(MailStoreError error, string message)
        : base(message)
    {
        Error = error;
    }

    public MailStoreError Error { get; }
}
