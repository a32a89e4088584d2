namespace Portal.Core.Delivery;

public enum OutboundState
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending = 0,

    Delivered = 1,

    /// <summary>Refused for good (5xx) or out of time; the sender got a bounce.</summary>
    Failed = 2,
}
