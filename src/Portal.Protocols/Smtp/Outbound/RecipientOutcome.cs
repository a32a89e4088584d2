namespace Portal.Protocols.Smtp.Outbound;

internal enum OutcomeKind
{
    Delivered,
    Deferred,
    Failed,
}

/// <summary>
/// What one attempt did for one recipient, with the reply to show and put in a bounce; <paramref name="DsnPassedOn"/>
/// when the receiving server offered DSN, so it (not this server) answers a NOTIFY=SUCCESS (RFC 3461 §5.2.3).
/// </summary>
internal readonly record struct RecipientOutcome(Guid RecipientId, OutcomeKind Kind, string Response, bool DsnPassedOn = false);
