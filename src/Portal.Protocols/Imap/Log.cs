using System.Net;
using Microsoft.Extensions.Logging;

namespace Portal.Protocols.Imap;

/// <summary>IMAP log messages, EventIds 4000-4999. Passwords never appear.</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Debug, "IMAP connection {ConnectionId} from {Remote}")]
    public static partial void Connected(ILogger logger, string connectionId, IPAddress? remote);

    [LoggerMessage(4001, LogLevel.Information, "IMAP {Address} signed in from {Remote}")]
    public static partial void SignedIn(ILogger logger, string address, IPAddress? remote);

    [LoggerMessage(4002, LogLevel.Information, "IMAP sign-in refused ({Outcome}) from {Remote}")]
    public static partial void SignInRefused(ILogger logger, string outcome, IPAddress? remote);

    [LoggerMessage(4003, LogLevel.Debug, "IMAP bad command on {ConnectionId}: {Reason}")]
    public static partial void BadCommand(ILogger logger, string connectionId, string reason);

    [LoggerMessage(4004, LogLevel.Warning, "IMAP connection {ConnectionId} closed after too many bad commands")]
    public static partial void TooManyBadCommands(ILogger logger, string connectionId);

    [LoggerMessage(4005, LogLevel.Error, "IMAP command failed on {ConnectionId}")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string connectionId);

    [LoggerMessage(4006, LogLevel.Debug, "IMAP connection {ConnectionId} ended: {Reason}")]
    public static partial void Disconnected(ILogger logger, string connectionId, string reason);
}
