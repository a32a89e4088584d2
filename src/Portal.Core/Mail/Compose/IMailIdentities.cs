namespace Portal.Core.Mail.Compose;

/// <summary>Reads and changes a mailbox's display name and signature (Settings, and the From header of web mail).</summary>
public interface IMailIdentities
{
    Task<MailIdentity?> GetAsync(Guid mailboxId, CancellationToken cancellationToken = default);

    /// <summary>Saves both values; throws <see cref="ArgumentException"/> with the reason when <see cref="MailIdentity.Validate"/> refuses them.</summary>
    Task SetAsync(Guid mailboxId, string? displayName, string? signature, bool signatureIsHtml, CancellationToken cancellationToken = default);
}
