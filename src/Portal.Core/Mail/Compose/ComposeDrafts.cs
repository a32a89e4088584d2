using MimeKit;

namespace Portal.Core.Mail.Compose;

/// <summary>
/// Drafts of a compose session in the Drafts folder. Each save appends the new version and then expunges the one it
/// replaces, so the folder holds one copy per session and a failure in between leaves two, never none.
/// </summary>
public sealed class ComposeDrafts(IMessageStore store)
{
    /// <summary>Stores <paramref name="message"/> as the session's draft, replacing <paramref name="previous"/>; null when the mailbox has no Drafts folder.</summary>
    public async Task<DraftRef?> SaveAsync(Guid mailboxId, MimeMessage message, DraftRef? previous, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await store.FindFolderAsync(mailboxId, FolderRole.Drafts, cancellationToken).ConfigureAwait(false) is not { } drafts)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        await message.WriteToAsync(buffer, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        var appended = await store.AppendAsync(drafts.Id, new AppendRequest(buffer, MessageFlags.Draft | MessageFlags.Seen), cancellationToken).ConfigureAwait(false);
        if (previous is not null)
        {
            await DeleteAsync(previous, cancellationToken).ConfigureAwait(false);
        }

        return new DraftRef(drafts.Id, appended.Uid);
    }

    /// <summary>Removes a draft (after sending, or when replaced).</summary>
    public Task DeleteAsync(DraftRef draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return store.ExpungeAsync(draft.FolderId, [draft.Uid], cancellationToken);
    }
}
