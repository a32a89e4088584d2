namespace Portal.Core.Delivery;

/// <summary>The RFC 3464 §2.3.3 actions of a notice that is not a failure.</summary>
public enum DsnAction
{
    /// <summary>Still queued and being retried (NOTIFY=DELAY).</summary>
    Delayed,

    /// <summary>Handed to a server that cannot send success notices itself (NOTIFY=SUCCESS).</summary>
    Relayed,
}
