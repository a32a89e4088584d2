namespace Portal.Core.Devices;

/// <summary>What a protocol reports about a client: who, over what, from where.</summary>
public readonly record struct DeviceActivity(Guid MailboxId, DeviceProtocol Protocol, string DeviceId, string? ClientName, string? RemoteAddress);
