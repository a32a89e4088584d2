namespace Portal.Core.Mail.Reading;

/// <summary>Senders whose remote images a mailbox always shows (the reader chose "always from this sender").</summary>
public interface IRemoteImageSenders
{
    /// <summary>Whether remote images are allowed for mail from <paramref name="from"/> (a From header or a bare address).</summary>
    Task<bool> IsAllowedAsync(Guid mailboxId, string from, CancellationToken cancellationToken = default);

    /// <summary>Allows remote images from this sender from now on; a From without a usable address is refused.</summary>
    Task AllowAsync(Guid mailboxId, string from, CancellationToken cancellationToken = default);
}

/// <summary>One allowed sender of one mailbox; the address is stored lower-case.</summary>
public sealed class RemoteImageSender
{
    public Guid MailboxId { get; set; }

    public required string Address { get; set; }

    public DateTime CreatedUtc { get; set; }
}
