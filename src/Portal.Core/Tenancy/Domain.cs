namespace Portal.Core.Tenancy;

/// <summary>A mail domain hosted here. Its name is stored lower-case, IDNs in their ASCII (punycode) form.</summary>
public sealed class Domain
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }
    public Guid? ResellerId { get; set; }
    public Edition Edition { get; set; } = Edition.Free;

    /// <summary>The MAPI/EWS add-on, enabled per domain (Enterprise only).</summary>
    public bool MapiEwsEnabled { get; set; }

    /// <summary>Mailbox that receives mail for unknown local parts, if any.</summary>
    public Guid? CatchAllMailboxId { get; set; }

    public bool Enabled { get; set; } = true;
    public DateTime CreatedUtc { get; set; }
}
