using Portal.Core.Mail.Search;

namespace Portal.Core.Mail;

/// <summary>
/// A message in a folder: metadata only. The raw RFC 5322 bytes live in the blob store under <see cref="BlobId"/>;
/// the envelope, body structure and list/search fields are computed once, at store time.
/// </summary>
public sealed class Message
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid FolderId { get; set; }
    public Guid MailboxId { get; set; }
    public long Uid { get; set; }
    public long ModSeq { get; set; }
    public MessageFlags Flags { get; set; }

    /// <summary>IMAP keywords, space-separated, as the client spelled them.</summary>
    public string Keywords { get; set; } = string.Empty;

    public DateTime InternalDateUtc { get; set; }
    public long Size { get; set; }
    public required string BlobId { get; set; }

    public string Subject { get; set; } = string.Empty;
    public string From { get; set; } = string.Empty;
    public string To { get; set; } = string.Empty;
    public string Cc { get; set; } = string.Empty;
    public string? MessageIdHeader { get; set; }
    public string? InReplyTo { get; set; }
    public string? References { get; set; }
    public DateTime? SentDateUtc { get; set; }
    public bool HasAttachments { get; set; }

    /// <summary>The first characters of the text body, for message lists.</summary>
    public string Preview { get; set; } = string.Empty;

    /// <summary>The envelope as JSON (<see cref="MessageEnvelope"/>).</summary>
    public string Envelope { get; set; } = "{}";

    /// <summary>The MIME tree as JSON (<see cref="BodyPart"/>).</summary>
    public string BodyStructure { get; set; } = "{}";

    /// <summary>Whether the search index holds this message's text (its blob's text row).</summary>
    public SearchIndexState SearchState { get; set; }

    /// <summary>This message filed in another folder: a new id, folder, UID and MODSEQ; the blob and every cached field carry over.</summary>
    public Message CopyTo(Guid folderId, long uid, long modSeq)
    {
        var copy = (Message)MemberwiseClone();
        copy.Id = Guid.CreateVersion7();
        copy.FolderId = folderId;
        copy.Uid = uid;
        copy.ModSeq = modSeq;
        return copy;
    }
}
