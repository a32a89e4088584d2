namespace Portal.Core.Delivery.Authentication;

/// <summary>The results of RFC 7208 §2.6, named as in Authentication-Results (RFC 8601 §2.7.2).</summary>
public enum SpfResult
{
    None,
    Neutral,
    Pass,
    Fail,
    SoftFail,
    TempError,
    PermError,
}
