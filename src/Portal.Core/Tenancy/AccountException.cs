namespace Portal.Core.Tenancy;

/// <summary>A request about accounts that cannot be carried out; the message is one line, fit for a user.</summary>
public sealed class AccountException(string message) : Exception(message);
