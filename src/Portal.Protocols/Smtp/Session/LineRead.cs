namespace Portal.Protocols.Smtp.Session;

internal enum LineReadStatus
{
    Line,
    TooLong,
    Closed,
}

/// <summary>A line from <see cref="SmtpChannel"/>: valid until the next read.</summary>
internal readonly record struct LineRead(LineReadStatus Status, ReadOnlyMemory<byte> Line, bool BareLf);
