using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Devices;

namespace Portal.Data.Stores;

/// <summary>
/// Coalesces device activity in memory (one entry per mailbox, protocol and device) and writes it in one batch
/// on <see cref="FlushAsync"/>, so protocols can report on every command at the cost of a dictionary update.
/// </summary>
public sealed class DeviceRegistry(IDbContextFactory<PortalDbContext> contexts, WriteGate gate, TimeProvider time) : IDeviceRegistry
{
    private ConcurrentDictionary<(Guid, DeviceProtocol, string), Pending> _pending = new();
    private readonly SemaphoreSlim _flushLock = new(1, 1);

    public void DeviceSeen(DeviceActivity activity) => Record(activity, synced: false);

    public void SyncSucceeded(DeviceActivity activity) => Record(activity, synced: true);

    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await _flushLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<(Guid, DeviceProtocol, string), Pending>());
            if (batch.IsEmpty)
            {
                return;
            }

            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            var mailboxIds = batch.Keys.Select(k => k.Item1).Distinct().ToList();
            var known = await db.SyncDevices.Where(d => mailboxIds.Contains(d.MailboxId)).ToListAsync(cancellationToken).ConfigureAwait(false);
            var existingMailboxes = (await db.Mailboxes.Where(m => mailboxIds.Contains(m.Id)).Select(m => m.Id).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
            foreach (var ((mailboxId, protocol, deviceId), pending) in batch)
            {
                if (!existingMailboxes.Contains(mailboxId))
                {
                    continue;
                }

                var device = known.FirstOrDefault(d => d.MailboxId == mailboxId && d.Protocol == protocol && d.DeviceId == deviceId);
                if (device is null)
                {
                    device = new SyncDevice { MailboxId = mailboxId, Protocol = protocol, DeviceId = deviceId, FirstSeenUtc = pending.FirstSeenUtc };
                    db.SyncDevices.Add(device);
                }

                device.ClientName = pending.ClientName ?? device.ClientName;
                device.LastAddress = pending.RemoteAddress ?? device.LastAddress;
                device.LastSeenUtc = pending.LastSeenUtc;
                if (pending.LastSyncUtc is { } sync)
                {
                    device.LastSyncUtc = sync;
                }
            }

            using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _flushLock.Release();
        }
    }

    public async Task<IReadOnlyList<SyncDevice>> ListAsync(Guid mailboxId, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken).ConfigureAwait(false);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.SyncDevices.AsNoTracking().Where(d => d.MailboxId == mailboxId)
            .OrderByDescending(d => d.LastSeenUtc).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Record(DeviceActivity activity, bool synced)
    {
        var now = time.GetUtcNow().UtcDateTime;
        _pending.AddOrUpdate(
            (activity.MailboxId, activity.Protocol, activity.DeviceId),
            _ => new Pending(now, now, synced ? now : null, activity.ClientName, activity.RemoteAddress),
            (_, p) => new Pending(p.FirstSeenUtc, now, synced ? now : p.LastSyncUtc, activity.ClientName ?? p.ClientName, activity.RemoteAddress ?? p.RemoteAddress));
    }

    private sealed record Pending(DateTime FirstSeenUtc, DateTime LastSeenUtc, DateTime? LastSyncUtc, string? ClientName, string? RemoteAddress);
}
