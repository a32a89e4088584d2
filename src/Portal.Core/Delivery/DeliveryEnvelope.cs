namespace Portal.Core.Delivery;

/// <summary>The SMTP envelope of a message to route (RFC 5321 §2.3.1): the reverse-path, the resolved recipients, DSN data.</summary>
public sealed record DeliveryEnvelope(string Sender, IReadOnlyList<EnvelopeRecipient> Recipients, string? EnvelopeId = null, string? Ret = null);

/// <summary>One recipient as given (RCPT TO or a header address) with what it resolved to and its RFC 3461 parameters.</summary>
public sealed record EnvelopeRecipient(string Address, RecipientResolution Resolution, string? Notify = null, string? OriginalRecipient = null);

/// <summary>What routing did: the stored blob, how many local mailboxes got a copy, how many recipients were queued.</summary>
public sealed record DeliveryResult(string BlobId, int LocalCopies, int Queued);
