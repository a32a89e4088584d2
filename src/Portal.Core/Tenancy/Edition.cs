namespace Portal.Core.Tenancy;

/// <summary>The product edition a domain runs. Enterprise unlocks the paid add-ons (EAS per mailbox, MAPI/EWS per domain).</summary>
public enum Edition
{
    Free = 0,
    Professional = 1,
    Enterprise = 2,
}
