namespace Portal.Protocols.Smtp.Parsing;

/// <summary>A parsed MAIL or RCPT argument: the path and the ESMTP parameters (keys upper-case; value null when absent).</summary>
public sealed record SmtpPathCommand(SmtpPath Path, IReadOnlyDictionary<string, string?> Parameters);
