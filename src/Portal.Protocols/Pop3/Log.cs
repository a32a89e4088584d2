using System.Net;
using Microsoft.Extensions.Logging;

namespace Portal.Protocols.Pop3;

/// <summary>POP3 log messages, EventIds 5000-5999. Passwords never appear.</summary>
internal static partial class Log
{
    [LoggerMessage(5000, LogLevel.Debug, "POP3 connection {ConnectionId} from {Remote}")]
    public static partial void Connected(ILogger logger, string connectionId, IPAddress? remote);

    [LoggerMessage(5001, LogLevel.Information, "POP3 {Address} signed in from {Remote}")]
    public static partial void SignedIn(ILogger logger, string address, IPAddress? remote);

    [LoggerMessage(5002, LogLevel.Information, "POP3 sign-in refused ({Outcome}) from {Remote}")]
    public static partial void SignInRefused(ILogger logger, string outcome, IPAddress? remote);

    [LoggerMessage(5003, LogLevel.Debug, "POP3 bad command on {ConnectionId}: {Reason}")]
    public static partial void BadCommand(ILogger logger, string connectionId, string reason);

    [LoggerMessage(5004, LogLevel.Error, "POP3 command failed on {ConnectionId}")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(5005, LogLevel.Debug, "POP3 connection {ConnectionId} ended: {Reason}")]
    public static partial void Disconnected(ILogger logger, string connectionId, string reason);

    [LoggerMessage(5006, LogLevel.Information, "POP3 {Address} removed {Count} messages at QUIT")]
    public static partial void Expunged(ILogger logger, string address, int count);

    [LoggerMessage(5007, LogLevel.Information, "POP3 {Address} refused from {Remote}: the maildrop is in use")]
    public static partial void MaildropInUse(ILogger logger, string address, System.Net.IPAddress? remote);
}
