using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Changes;
using Portal.Core.Groupware;

namespace Portal.Data.Stores;

/// <summary>Calendars, address books, task lists and notes in the one store; every write goes through the journal.</summary>
public sealed class GroupwareStore(
    IDbContextFactory<PortalDbContext> contexts,
    IChangeNotifier notifier,
    WriteGate gate,
    TimeProvider time) : IGroupwareStore
{
    public async Task<IReadOnlyList<Collection>> ListCollectionsAsync(Guid mailboxId, CollectionKind? kind = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var query = db.Collections.AsNoTracking().Where(c => c.MailboxId == mailboxId);
        if (kind is { } k)
        {
            query = query.Where(c => c.Kind == k);
        }

        return await query.OrderBy(c => c.Kind).ThenBy(c => c.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Item?> GetItemAsync(Guid collectionId, string resourceName, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.CollectionId == collectionId && i.ResourceName == resourceName, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Item> PutItemAsync(Guid collectionId, ItemWrite write, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(write);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (mailboxId, number) = await BumpAsync(db, collectionId, cancellationToken).ConfigureAwait(false);
        var item = await db.Items.SingleOrDefaultAsync(i => i.CollectionId == collectionId && i.ResourceName == write.ResourceName, cancellationToken).ConfigureAwait(false);
        if (ifMatch is not null && ifMatch != "*" && item?.ETag != ifMatch)
        {
            throw new PreconditionFailedException($"The item '{write.ResourceName}' has changed.");
        }

        if (ifMatch == "*" && item is null)
        {
            throw new PreconditionFailedException($"The item '{write.ResourceName}' does not exist.");
        }

        var kind = item is null ? ChangeKind.Added : ChangeKind.Changed;
        item ??= db.Items.Add(new Item
        {
            CollectionId = collectionId,
            Uid = write.Uid,
            ResourceName = write.ResourceName,
            ETag = string.Empty,
            Content = string.Empty,
        }).Entity;
        item.Uid = write.Uid;
        item.Kind = write.Kind;
        item.Content = write.Content;
        item.ChangeNumber = number;
        item.ETag = string.Create(CultureInfo.InvariantCulture, $"\"{collectionId:N}-{number}\"");
        item.StartUtc = write.StartUtc;
        item.EndUtc = write.EndUtc;
        item.RecurrenceEndUtc = write.RecurrenceEndUtc;
        item.IsRecurring = write.IsRecurring;
        item.DisplayName = write.DisplayName;
        item.Email = write.Email;
        item.ModifiedUtc = time.GetUtcNow().UtcDateTime;
        db.ItemChanges.Add(new ItemChange
        {
            CollectionId = collectionId,
            ChangeNumber = number,
            ItemId = item.Id,
            ResourceName = item.ResourceName,
            Kind = kind,
            ChangedUtc = item.ModifiedUtc,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        notifier.Publish(new ChangeNotification(mailboxId, collectionId, number));
        return item;
    }

    public async Task<bool> DeleteItemAsync(Guid collectionId, string resourceName, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (mailboxId, number) = await BumpAsync(db, collectionId, cancellationToken).ConfigureAwait(false);
        var item = await db.Items.SingleOrDefaultAsync(i => i.CollectionId == collectionId && i.ResourceName == resourceName, cancellationToken).ConfigureAwait(false);
        if (item is null)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }

        db.Items.Remove(item);
        db.ItemChanges.Add(new ItemChange
        {
            CollectionId = collectionId,
            ChangeNumber = number,
            ItemId = item.Id,
            ResourceName = item.ResourceName,
            Kind = ChangeKind.Deleted,
            ChangedUtc = time.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        notifier.Publish(new ChangeNotification(mailboxId, collectionId, number));
        return true;
    }

    private static async Task<(Guid MailboxId, long Number)> BumpAsync(PortalDbContext db, Guid collectionId, CancellationToken cancellationToken)
    {
        var updated = await db.Collections.Where(c => c.Id == collectionId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ChangeNumber, c => c.ChangeNumber + 1), cancellationToken).ConfigureAwait(false);
        if (updated == 0)
        {
            throw new KeyNotFoundException($"Collection {collectionId} does not exist.");
        }

        var state = await db.Collections.AsNoTracking().Where(c => c.Id == collectionId)
            .Select(c => new { c.MailboxId, c.ChangeNumber }).SingleAsync(cancellationToken).ConfigureAwait(false);
        return (state.MailboxId, state.ChangeNumber);
    }
}
