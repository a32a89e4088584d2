namespace Portal.Web.Mail;

/// <summary>Webmail log messages (event ids 640–669): refusals of what a reader asked for, with the reason.</summary>
internal static partial class WebmailLog
{
    [LoggerMessage(EventId = 640, Level = LogLevel.Information, Message = "Webmail: mailbox {MailboxId} folder {Operation} '{Name}' refused: {Reason}")]
    public static partial void FolderRefused(ILogger logger, Guid mailboxId, string operation, string name, string reason);

    [LoggerMessage(EventId = 641, Level = LogLevel.Information, Message = "Webmail: mailbox {MailboxId} folder {Operation} '{Name}'")]
    public static partial void FolderChanged(ILogger logger, Guid mailboxId, string operation, string name);

    [LoggerMessage(EventId = 642, Level = LogLevel.Warning, Message = "Webmail: mailbox {MailboxId} asked for message {MessageId}, which is not theirs or does not exist")]
    public static partial void MessageNotFound(ILogger logger, Guid mailboxId, Guid messageId);

    [LoggerMessage(EventId = 643, Level = LogLevel.Information, Message = "Webmail: mailbox {MailboxId} {Action} {Count} message(s)")]
    public static partial void MessagesChanged(ILogger logger, Guid mailboxId, string action, int count);
}
