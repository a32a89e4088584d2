namespace Portal.Core.Mail;

/// <summary>The RFC 3501 §7.4.2 envelope fields, decoded once at store time.</summary>
public sealed record MessageEnvelope(
    string? Date,
    string? Subject,
    IReadOnlyList<EnvelopeAddress> From,
    IReadOnlyList<EnvelopeAddress> Sender,
    IReadOnlyList<EnvelopeAddress> ReplyTo,
    IReadOnlyList<EnvelopeAddress> To,
    IReadOnlyList<EnvelopeAddress> Cc,
    IReadOnlyList<EnvelopeAddress> Bcc,
    string? InReplyTo,
    string? MessageId);

/// <summary>One address of an envelope; <see cref="Group"/> names the group it belongs to, if any.</summary>
public sealed record EnvelopeAddress(string? Name, string? Mailbox, string? Host, string? Group = null);
