using System.Net;
using Microsoft.Extensions.Logging;

namespace Portal.Protocols.Smtp;

/// <summary>SMTP log messages, EventIds 3000-3999.</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Debug, "SMTP {ConnectionId} from {Remote} on the {Mode} port")]
    public static partial void Connected(ILogger logger, string connectionId, IPAddress? remote, string mode);

    [LoggerMessage(3001, LogLevel.Debug, "SMTP {ConnectionId} closed")]
    public static partial void Closed(ILogger logger, string connectionId);

    [LoggerMessage(3002, LogLevel.Information, "SMTP {ConnectionId} accepted {Size} bytes from <{Sender}> for {Recipients} recipient(s), id {Id}")]
    public static partial void Accepted(ILogger logger, string connectionId, long size, string sender, int recipients, string id);

    [LoggerMessage(3003, LogLevel.Error, "SMTP {ConnectionId} could not store a message")]
    public static partial void DeliveryFailed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(3004, LogLevel.Information, "SMTP {ConnectionId} from {Remote}: too many errors, closing")]
    public static partial void TooManyErrors(ILogger logger, string connectionId, IPAddress? remote);

    [LoggerMessage(3005, LogLevel.Information, "SMTP {ConnectionId} from {Remote}: authentication failed ({Outcome})")]
    public static partial void AuthFailed(ILogger logger, string connectionId, IPAddress? remote, string outcome);

    [LoggerMessage(3006, LogLevel.Debug, "SMTP {ConnectionId} ended: {Reason}")]
    public static partial void Ended(ILogger logger, string connectionId, string reason);

    [LoggerMessage(3007, LogLevel.Warning, "SMTP {ConnectionId} failed")]
    public static partial void Failed(ILogger logger, string connectionId, Exception exception);

    [LoggerMessage(3008, LogLevel.Information, "SMTP {ConnectionId} refused a message: {Reason}")]
    public static partial void Refused(ILogger logger, string connectionId, string reason);

    [LoggerMessage(3009, LogLevel.Information, "SMTP {ConnectionId} authenticated {Address}")]
    public static partial void Authenticated(ILogger logger, string connectionId, string address);

    [LoggerMessage(3100, LogLevel.Information, "Outbound: connecting to {Host} [{Address}] failed: {Error}")]
    public static partial void OutboundConnectFailed(ILogger logger, string host, string address, string error);

    [LoggerMessage(3101, LogLevel.Debug, "Outbound: QUIT to {Domain} failed: {Error}")]
    public static partial void OutboundQuitFailed(ILogger logger, string domain, string error);

    [LoggerMessage(3102, LogLevel.Information, "Outbound: {Address} {Outcome}: {Response}")]
    public static partial void OutboundOutcome(ILogger logger, string address, string outcome, string response);

    [LoggerMessage(3103, LogLevel.Error, "Outbound: the queue sweep failed")]
    public static partial void OutboundSweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(3104, LogLevel.Information, "Outbound: sent a delivery status notice ({Subject}) for message {MessageId} to <{Sender}> for {Count} recipient(s)")]
    public static partial void Bounced(ILogger logger, string? subject, Guid messageId, string sender, int count);
}
