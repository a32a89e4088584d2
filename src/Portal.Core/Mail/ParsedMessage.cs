using Portal.Core.Mail.Search;

namespace Portal.Core.Mail;

/// <summary>What the store keeps of a message besides its raw bytes; <see cref="Text"/> feeds the search index.</summary>
public sealed record ParsedMessage(
    MessageEnvelope Envelope,
    BodyPart Body,
    string Subject,
    string From,
    string To,
    string Cc,
    string? MessageId,
    string? InReplyTo,
    string? References,
    DateTime? SentDateUtc,
    bool HasAttachments,
    string Preview,
    MessageText? Text = null);
