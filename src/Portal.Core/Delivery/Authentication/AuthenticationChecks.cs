namespace Portal.Core.Delivery.Authentication;

/// <summary>Which checks the MX runs on inbound mail (each can be switched off: <c>Portal:Smtp:CheckSpf</c>, <c>CheckDkim</c>, <c>CheckDmarc</c>).</summary>
[Flags]
public enum AuthenticationChecks
{
    None = 0,
    Spf = 1,
    Dkim = 2,
    Dmarc = 4,
    All = Spf | Dkim | Dmarc,
}
