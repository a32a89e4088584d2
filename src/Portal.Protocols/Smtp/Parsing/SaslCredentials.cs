namespace Portal.Protocols.Smtp.Parsing;

/// <summary>A user name and password from SASL PLAIN or LOGIN.</summary>
public sealed record SaslCredentials(string UserName, string Password);
