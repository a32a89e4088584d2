namespace Portal.Core.Mail.Reading;

/// <summary>The conversation (thread) view of a folder. Like <see cref="IMessageQueries"/>, every call names the mailbox.</summary>
public interface IConversationQueries
{
    /// <summary>
    /// Every message of the folder in conversation order (<see cref="ConversationThreader"/>); null when the folder is
    /// not this mailbox's.
    /// </summary>
    Task<IReadOnlyList<ConversationEntry>?> ListConversationOrderAsync(Guid mailboxId, Guid folderId, CancellationToken cancellationToken = default);

    /// <summary>List rows for the given messages of this mailbox (others are left out), in no particular order.</summary>
    Task<IReadOnlyList<MessageListItem>> ListItemsAsync(Guid mailboxId, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken = default);
}

/// <summary>A message's place in the conversation view: which conversation, how big it is, and whether it leads it.</summary>
public sealed record ConversationEntry(Guid MessageId, int Conversation, int ConversationSize, bool FirstInConversation);

/// <summary>What threading needs to know of a message.</summary>
public sealed record ThreadingKeys(Guid MessageId, string? MessageIdHeader, string? InReplyTo, string? References, string Subject, DateTime DateUtc);
