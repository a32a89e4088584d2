namespace Portal.Web.Components.Pages.Mail;

/// <summary>Web composer log messages, EventIds 7100-7199.</summary>
internal static partial class ComposeLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Compose: {Address} was refused sending: {Reason}")]
    public static partial void SendRefused(ILogger logger, string address, string reason);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Compose: {Address} typed an invalid recipient {Recipient}")]
    public static partial void InvalidRecipient(ILogger logger, string address, string recipient);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Warning, Message = "Compose: removed {Count} pieces of active content (scripts, handlers) from HTML written by {Address}")]
    public static partial void ActiveContentRemoved(ILogger logger, string address, int count);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Compose: attachment of {Address} refused, {Files} over the limit of {Limit} bytes")]
    public static partial void AttachmentRefused(ILogger logger, string address, string files, long limit);

    [LoggerMessage(EventId = 7104, Level = LogLevel.Warning, Message = "Compose: an upload of {Address} failed")]
    public static partial void UploadFailed(ILogger logger, string address, Exception exception);

    [LoggerMessage(EventId = 7105, Level = LogLevel.Error, Message = "Compose: the draft of {Address} could not be saved")]
    public static partial void DraftSaveFailed(ILogger logger, string address, Exception exception);
}
