namespace Portal.Protocols.Smtp.Session;

/// <summary>A reply: code, enhanced status code (RFC 3463; null on 220, 221, 334, 354) and text.</summary>
internal readonly record struct SmtpReply(int Code, string? Enhanced, string Text);
