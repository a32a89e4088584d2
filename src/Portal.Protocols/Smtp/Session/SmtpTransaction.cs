using Portal.Protocols.Smtp.Parsing;

namespace Portal.Protocols.Smtp.Session;

/// <summary>One mail transaction (RFC 5321 §3.3): sender, its parameters, the recipients, and the BDAT spool if chunking.</summary>
internal sealed class SmtpTransaction(SmtpPath sender) : IAsyncDisposable
{
    public SmtpPath Sender { get; } = sender;

    /// <summary>When MAIL FROM was taken (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>), for the delivery metrics.</summary>
    public long Started { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>SIZE declared on MAIL (RFC 1870), if any.</summary>
    public long? DeclaredSize { get; init; }

    /// <summary>BODY=8BITMIME (RFC 6152) was given.</summary>
    public bool EightBit { get; init; }

    /// <summary>SMTPUTF8 was given (RFC 6531 §3.4).</summary>
    public bool Utf8 { get; init; }

    /// <summary>DSN RET and ENVID (RFC 3461 §4.3, §4.4), recorded for bounces.</summary>
    public string? Ret { get; init; }

    public string? EnvelopeId { get; init; }

    public List<SmtpRecipient> Recipients { get; } = [];

    /// <summary>The content so far of a BDAT transaction.</summary>
    public MessageSpool? Chunks { get; set; }

    /// <summary>A chunk was refused (too big): the rest is read and dropped, and BDAT LAST fails.</summary>
    public bool ChunksRefused { get; set; }

    public async ValueTask DisposeAsync()
    {
        if (Chunks is not null)
        {
            await Chunks.DisposeAsync().ConfigureAwait(false);
            Chunks = null;
        }
    }
}
