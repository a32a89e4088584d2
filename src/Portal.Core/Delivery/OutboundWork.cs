namespace Portal.Core.Delivery;

/// <summary>Due recipients of one message at one domain: one SMTP transaction.</summary>
public sealed record OutboundWork(OutboundMessage Message, string Domain, IReadOnlyList<OutboundRecipient> Recipients);
