namespace Portal.Protocols.Smtp.Parsing;

/// <summary>One command line: the verb and the text after it (without the separating space), decoded as UTF-8.</summary>
public sealed record SmtpCommand(SmtpVerb Verb, string VerbText, string Argument);
