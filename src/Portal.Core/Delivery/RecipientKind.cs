namespace Portal.Core.Delivery;

public enum RecipientKind
{
    /// <summary>The domain is not hosted here: relaying territory.</summary>
    NotLocal = 0,

    /// <summary>The domain is ours but nothing answers to the address.</summary>
    Unknown = 1,

    /// <summary>Delivered here (a mailbox, an alias, or a catch-all), possibly with forwards to outside addresses.</summary>
    Local = 2,

    /// <summary>An SRS address of ours whose hash is wrong or whose time ran out: forged, or a bounce too late.</summary>
    InvalidSrs = 3,
}
