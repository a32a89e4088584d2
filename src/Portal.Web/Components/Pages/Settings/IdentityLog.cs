namespace Portal.Web.Components.Pages.Settings;

/// <summary>Identity settings log messages, EventIds 7200-7209.</summary>
internal static partial class IdentityLog
{
    [LoggerMessage(EventId = 7200, Level = LogLevel.Information, Message = "Settings: name/signature of mailbox {MailboxId} refused: {Reason}")]
    public static partial void Refused(ILogger logger, Guid mailboxId, string reason);
}
