namespace Portal.Core.Dns;

/// <summary>DNS gave no answer (timeout, server failure): a temporary condition, never a reason to refuse mail.</summary>
public sealed class DnsUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
