using Portal.Core.Mail.Search;

namespace Portal.Data.Search;

/// <summary>
/// The folded searchable text of one blob (<see cref="MessageText"/>), written in the same transaction as the first
/// message that uses the blob; copies, moves and other recipients of the same bytes share it. Indexed per provider:
/// SQLite FTS5 trigram, PostgreSQL pg_trgm GIN, SQL Server none (LIKE scan). See docs/adr/0004-mail-search-index.md.
/// </summary>
public sealed class MessageTextRow
{
    /// <summary>An integer key, because SQLite's FTS5 external-content table refers to rows by integer id.</summary>
    public long Id { get; set; }

    public required string BlobId { get; set; }
    public string Subject { get; set; } = string.Empty;
    public string From { get; set; } = string.Empty;
    public string To { get; set; } = string.Empty;
    public string Cc { get; set; } = string.Empty;
    public string Bcc { get; set; } = string.Empty;
    public string Headers { get; set; } = string.Empty;
    public string Body { get; set; } = string.Empty;

    public static MessageTextRow Of(string blobId, MessageText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new MessageTextRow
        {
            BlobId = blobId,
            Subject = text.Subject,
            From = text.From,
            To = text.To,
            Cc = text.Cc,
            Bcc = text.Bcc,
            Headers = text.Headers,
            Body = text.Body,
        };
    }
}
