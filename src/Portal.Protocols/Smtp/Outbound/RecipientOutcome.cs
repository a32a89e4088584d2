namespace Portal.Protocols.Smtp.Outbound;

internal enum OutcomeKind
{
    Delivered,
    Deferred,
    Failed,
}

/// <summary>What one attempt did for one recipient, with the reply to show and put in a bounce.</summary>
internal readonly record struct RecipientOutcome(Guid RecipientId, OutcomeKind Kind, string Response);
