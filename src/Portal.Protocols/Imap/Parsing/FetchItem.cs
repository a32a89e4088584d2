namespace Portal.Protocols.Imap.Parsing;

/// <summary>One FETCH data item; for <see cref="FetchItemKind.Section"/> the section, partial range and PEEK.</summary>
public sealed record FetchItem(
    FetchItemKind Kind,
    IReadOnlyList<int>? Part = null,
    SectionText Text = SectionText.None,
    IReadOnlyList<string>? Fields = null,
    long? PartialStart = null,
    long? PartialLength = null,
    bool Peek = false)
{
    public static FetchItem Simple(FetchItemKind kind) => new(kind);
}
