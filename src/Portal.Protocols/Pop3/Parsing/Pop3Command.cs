namespace Portal.Protocols.Pop3.Parsing;

/// <summary>One POP3 command: the keyword (upper case) and its arguments, checked for count and form by the parser.</summary>
public sealed record Pop3Command(string Verb, IReadOnlyList<string> Arguments)
{
    /// <summary>The first argument as a message number, when the command takes one.</summary>
    public int Number(int index) => int.Parse(Arguments[index], System.Globalization.CultureInfo.InvariantCulture);
}
