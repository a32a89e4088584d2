namespace Portal.Core.Mail.Reading;

/// <summary>A message made safe to show: headers decoded, the body as sanitised HTML, and its attachments.</summary>
public sealed record RenderedMessage(
    string Subject,
    string From,
    string To,
    string Cc,
    DateTime? DateUtc,
    string BodyHtml,
    bool WasHtml,
    int BlockedRemoteImages,
    IReadOnlyList<AttachmentInfo> Attachments);

/// <summary>An attachment, addressed by its position among the message's attachments.</summary>
public sealed record AttachmentInfo(int Index, string FileName, string ContentType, long Size);
