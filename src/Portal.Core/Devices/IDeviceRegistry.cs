namespace Portal.Core.Devices;

/// <summary>
/// Every protocol reports here. Calls are cheap and never touch the database: they are coalesced in memory
/// and written in batches, so a command loop may call them on every command.
/// </summary>
public interface IDeviceRegistry
{
    void DeviceSeen(DeviceActivity activity);

    void SyncSucceeded(DeviceActivity activity);

    /// <summary>Writes what is pending. Called periodically and at shutdown.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<SyncDevice>> ListAsync(Guid mailboxId, CancellationToken cancellationToken = default);
}
