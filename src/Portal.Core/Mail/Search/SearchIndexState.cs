namespace Portal.Core.Mail.Search;

/// <summary>How much of a message the search index holds.</summary>
public enum SearchIndexState
{
    /// <summary>Not indexed yet (stored before the index existed): searches read the message itself.</summary>
    Pending = 0,

    /// <summary>All of its text is in the index.</summary>
    Indexed = 1,

    /// <summary>Its text was cut at a cap: searches use the index and also read the message.</summary>
    Partial = 2,
}
