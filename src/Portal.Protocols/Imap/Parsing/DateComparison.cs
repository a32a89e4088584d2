namespace Portal.Protocols.Imap.Parsing;

public enum DateComparison
{
    Before,
    On,
    Since,
}
