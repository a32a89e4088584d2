namespace Portal.Core.Mail.Search;

/// <summary>
/// The searchable text of one message, already folded (<see cref="SearchText.Fold"/>): what the search index holds.
/// <see cref="Complete"/> is false when a field was cut at its cap; such messages are also checked against their raw
/// bytes at search time, so that a search never misses a match past the cap.
/// </summary>
public sealed record MessageText(string Subject, string From, string To, string Cc, string Bcc, string Headers, string Body, bool Complete)
{
    public string Field(SearchField field) => field switch
    {
        SearchField.From => From,
        SearchField.To => To,
        SearchField.Cc => Cc,
        SearchField.Bcc => Bcc,
        SearchField.Subject => Subject,
        SearchField.Body => Body,
        _ => Headers + " " + Body,
    };

    /// <summary>IMAP semantics on folded text: the field contains the folded needle.</summary>
    public bool Contains(SearchField field, string foldedNeedle) => field == SearchField.Text
        ? Headers.Contains(foldedNeedle, StringComparison.Ordinal) || Body.Contains(foldedNeedle, StringComparison.Ordinal)
        : Field(field).Contains(foldedNeedle, StringComparison.Ordinal);
}
