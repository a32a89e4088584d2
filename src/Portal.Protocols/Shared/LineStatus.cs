namespace Portal.Protocols.Shared;

public enum LineStatus
{
    /// <summary>A whole line was read.</summary>
    Line,

    /// <summary>No line end yet; read more bytes.</summary>
    NeedMore,

    /// <summary>The line is longer than allowed; the caller answers the protocol's error and skips to the next line end.</summary>
    TooLong,
}
