namespace Portal.Core.Tenancy;

/// <summary>
/// A mailbox. Its <see cref="Id"/> is also the id of the Identity user that signs in with
/// <see cref="Address"/> as user name: one account, one key, whichever protocol asks.
/// </summary>
public sealed class Mailbox
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DomainId { get; set; }
    public required string LocalPart { get; set; }

    /// <summary>The full address, lower-case; unique across the server.</summary>
    public required string Address { get; set; }

    /// <summary>The name in the From header of mail sent from the web, and shown in the portal.</summary>
    public string? DisplayName { get; set; }

    /// <summary>Inserted into new mail and replies in the web composer; plain text or (sanitized) HTML.</summary>
    public string? Signature { get; set; }

    public bool SignatureIsHtml { get; set; }

    /// <summary>Storage quota in bytes; 0 means unlimited.</summary>
    public long QuotaBytes { get; set; }

    /// <summary>The Exchange ActiveSync add-on, enabled per mailbox (Enterprise only).</summary>
    public bool EasEnabled { get; set; }

    /// <summary>Whether POP3 retrieval leaves messages on the server (the default).</summary>
    public bool Pop3LeaveOnServer { get; set; } = true;

    public bool Enabled { get; set; } = true;
    public DateTime CreatedUtc { get; set; }
}
