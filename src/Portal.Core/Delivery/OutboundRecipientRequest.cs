namespace Portal.Core.Delivery;

/// <summary>A recipient to queue, with its RFC 3461 parameters.</summary>
public sealed record OutboundRecipientRequest(string Address, string? Notify = null, string? OriginalRecipient = null);
