using System.Text;

namespace Portal.Protocols.Smtp.Parsing;

/// <summary>Splits a command line (without CRLF) into verb and argument (RFC 5321 §4.1.1). Pure.</summary>
public static class SmtpCommandParser
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly (string Text, SmtpVerb Verb)[] Verbs =
    [
        ("EHLO", SmtpVerb.Ehlo), ("HELO", SmtpVerb.Helo), ("MAIL", SmtpVerb.Mail), ("RCPT", SmtpVerb.Rcpt),
        ("DATA", SmtpVerb.Data), ("BDAT", SmtpVerb.Bdat), ("RSET", SmtpVerb.Rset), ("NOOP", SmtpVerb.Noop),
        ("QUIT", SmtpVerb.Quit), ("VRFY", SmtpVerb.Vrfy), ("EXPN", SmtpVerb.Expn), ("HELP", SmtpVerb.Help),
        ("STARTTLS", SmtpVerb.StartTls), ("AUTH", SmtpVerb.Auth),
    ];

    /// <summary>False when the line is not valid UTF-8 (RFC 6531 allows UTF-8, nothing else) or holds control characters.</summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out SmtpCommand command)
    {
        command = new SmtpCommand(SmtpVerb.Unknown, string.Empty, string.Empty);
        string text;
        try
        {
            text = StrictUtf8.GetString(line);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        foreach (var c in text)
        {
            // CR, LF and NUL never belong inside a command line (RFC 5321 §2.3.8, §4.1.1).
            if (c is '\0' or '\r' or '\n')
            {
                return false;
            }
        }

        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var verbText = space < 0 ? text : text[..space];
        var argument = space < 0 ? string.Empty : text[(space + 1)..].Trim(' ');
        var verb = SmtpVerb.Unknown;
        foreach (var (name, value) in Verbs)
        {
            if (string.Equals(name, verbText, StringComparison.OrdinalIgnoreCase))
            {
                verb = value;
                break;
            }
        }

        command = new SmtpCommand(verb, verbText, argument);
        return true;
    }
}
