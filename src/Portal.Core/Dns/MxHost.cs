namespace Portal.Core.Dns;

/// <summary>One MX record: the exchange host and its preference.</summary>
public sealed record MxHost(string Host, int Preference)
{
    /// <summary>RFC 7505: a single MX of "." says the domain takes no mail.</summary>
    public bool IsNull => Host is "." or "";
}
