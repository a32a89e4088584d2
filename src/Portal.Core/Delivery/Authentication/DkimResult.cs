namespace Portal.Core.Delivery.Authentication;

/// <summary>One DKIM-Signature's verdict (RFC 8601 §2.7.1), with the signing domain and selector.</summary>
public sealed record DkimResult(string Result, string Domain, string Selector);
