namespace Portal.Core.Devices;

/// <summary>A client that syncs with a mailbox over one protocol, as the Connectivity page lists it.</summary>
public sealed class SyncDevice
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MailboxId { get; set; }
    public DeviceProtocol Protocol { get; set; }

    /// <summary>The protocol's own device id (EAS DeviceId), or a key derived from client name and address.</summary>
    public required string DeviceId { get; set; }

    public string? ClientName { get; set; }
    public string? DeviceType { get; set; }
    public string? LastAddress { get; set; }
    public DateTime FirstSeenUtc { get; set; }
    public DateTime LastSeenUtc { get; set; }
    public DateTime? LastSyncUtc { get; set; }

    /// <summary>Set by "reset sync state"; the protocol makes the device's next request start from scratch.</summary>
    public DateTime? ResetRequestedUtc { get; set; }
}
