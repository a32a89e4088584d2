using System.Linq.Expressions;
using Portal.Core.Mail;
using Portal.Core.Mail.Reading;

namespace Portal.Data.Stores;

/// <summary>The one projection of a message row to a list row, shared by folder lists and search results.</summary>
internal static class MessageListProjection
{
    public static readonly Expression<Func<Message, MessageListItem>> ListItem = m =>
        new MessageListItem(m.Id, m.FolderId, m.Uid, m.Subject, m.From, m.Preview, m.SentDateUtc ?? m.InternalDateUtc, m.Size, m.Flags, m.HasAttachments);
}
