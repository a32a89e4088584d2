using Portal.Core.Delivery;
using Portal.Protocols.Smtp.Parsing;

namespace Portal.Protocols.Smtp.Session;

/// <summary>An accepted RCPT: the path, what it resolved to, and its DSN parameters (RFC 3461 §4.1, §4.2).</summary>
internal sealed record SmtpRecipient(SmtpPath Path, RecipientResolution Resolution, string? Notify, string? OriginalRecipient);
