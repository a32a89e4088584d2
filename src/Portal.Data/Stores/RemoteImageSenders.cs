using Microsoft.EntityFrameworkCore;
using MimeKit;
using Portal.Core.Mail;
using Portal.Core.Mail.Reading;

namespace Portal.Data.Stores;

/// <summary>The senders whose remote images a mailbox always shows, one row per mailbox and address.</summary>
public sealed class RemoteImageSenders(IDbContextFactory<PortalDbContext> contexts, TimeProvider time) : IRemoteImageSenders
{
    public async Task<bool> IsAllowedAsync(Guid mailboxId, string from, CancellationToken cancellationToken = default)
    {
        if (AddressOf(from) is not { } address)
        {
            return false;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.RemoteImageSenders.AnyAsync(s => s.MailboxId == mailboxId && s.Address == address, cancellationToken).ConfigureAwait(false);
    }

    public async Task AllowAsync(Guid mailboxId, string from, CancellationToken cancellationToken = default)
    {
        var address = AddressOf(from) ?? throw new MailStoreException(MailStoreError.InvalidName, $"'{from}' has no sender address to remember.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (await db.RemoteImageSenders.AnyAsync(s => s.MailboxId == mailboxId && s.Address == address, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        db.RemoteImageSenders.Add(new RemoteImageSender { MailboxId = mailboxId, Address = address, CreatedUtc = time.GetUtcNow().UtcDateTime });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another tab allowed the same sender at the same moment: the outcome is the same. Anything else is an error.
            if (!await StillThereAsync(mailboxId, address, cancellationToken).ConfigureAwait(false))
            {
                throw;
            }
        }
    }

    private async Task<bool> StillThereAsync(Guid mailboxId, string address, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.RemoteImageSenders.AnyAsync(s => s.MailboxId == mailboxId && s.Address == address, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first mailbox address of a From header, lower-case; null when there is none.</summary>
    private static string? AddressOf(string from) =>
        InternetAddressList.TryParse(from, out var list) && list.Mailboxes.FirstOrDefault()?.Address is { Length: > 0 and <= 320 } address
            ? address.ToLowerInvariant()
            : null;
}
