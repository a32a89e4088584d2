namespace Portal.Protocols.Smtp.Parsing;

/// <summary>
/// Parses <c>FROM:&lt;reverse-path&gt; [params]</c> and <c>TO:&lt;forward-path&gt; [params]</c> (RFC 5321 §4.1.1.2-3,
/// §4.1.2), with UTF-8 mailboxes (RFC 6531 §3.3). Pure; limits of §4.5.3.1 enforced.
/// </summary>
public static class SmtpPathParser
{
    /// <summary>
    /// RFC 5321 §4.5.3.1.1 gives 64 octets as the least a server must take, and §4.5.3.1 asks for no limit where
    /// possible: SRS bounce addresses (ours and other forwarders') are longer. The path limit still bounds it; a long
    /// local part that names no mailbox gets 550 5.1.1 at RCPT like any unknown one.
    /// </summary>
    private const int MaxLocalPart = 250;
    private const int MaxDomain = 255;
    private const int MaxPath = 256;

    /// <summary>Parses a MAIL argument; the null path <c>&lt;&gt;</c> is allowed (bounces, RFC 5321 §4.5.5).</summary>
    public static bool TryParseMail(string argument, out SmtpPathCommand command, out string error) =>
        TryParse(argument, "FROM:", isReverse: true, out command, out error);

    /// <summary>Parses a RCPT argument; <c>&lt;Postmaster&gt;</c> without a domain is allowed (RFC 5321 §4.1.1.3).</summary>
    public static bool TryParseRcpt(string argument, out SmtpPathCommand command, out string error) =>
        TryParse(argument, "TO:", isReverse: false, out command, out error);

    private static bool TryParse(string argument, string prefix, bool isReverse, out SmtpPathCommand command, out string error)
    {
        command = new SmtpPathCommand(SmtpPath.Null, new Dictionary<string, string?>());
        if (!argument.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            error = $"Syntax: {(isReverse ? "MAIL FROM:<address>" : "RCPT TO:<address>")}";
            return false;
        }

        // Many clients put a space after the colon; RFC 5321 §4.1.1.2 has none, but accepting it harms nothing.
        var rest = argument.AsSpan(prefix.Length).TrimStart(' ');
        if (rest.Length == 0 || rest[0] != '<')
        {
            error = "Path must be enclosed in <>";
            return false;
        }

        var close = FindClose(rest);
        if (close < 0)
        {
            error = "Unterminated path";
            return false;
        }

        var inner = rest[1..close];
        if (inner.Length + 2 > MaxPath)
        {
            error = "Path too long";
            return false;
        }

        SmtpPath path;
        if (inner.Length == 0)
        {
            if (!isReverse)
            {
                error = "Empty forward-path";
                return false;
            }

            path = SmtpPath.Null;
        }
        else if (!TryParseMailbox(inner, isReverse, out path, out error))
        {
            return false;
        }

        var parameters = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var tail = rest[(close + 1)..];
        if (tail.Length > 0 && tail[0] != ' ')
        {
            error = "Expected a space before parameters";
            return false;
        }

        foreach (var range in tail.Split(' '))
        {
            var word = tail[range];
            if (word.Length == 0)
            {
                continue;
            }

            if (!TryParseParameter(word, out var key, out var value) || !parameters.TryAdd(key, value))
            {
                error = $"Bad parameter {word}";
                return false;
            }
        }

        command = new SmtpPathCommand(path, parameters);
        error = string.Empty;
        return true;
    }

    private static int FindClose(ReadOnlySpan<char> text)
    {
        var quoted = false;
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted && c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '>')
            {
                return i;
            }
        }

        return -1;
    }

    private static bool TryParseMailbox(ReadOnlySpan<char> inner, bool isReverse, out SmtpPath path, out string error)
    {
        path = SmtpPath.Null;

        // RFC 5321 §4.1.2 and Appendix C: a source route (@a,@b:) is accepted and ignored.
        if (inner[0] == '@')
        {
            var colon = inner.IndexOf(':');
            if (colon < 0)
            {
                error = "Bad source route";
                return false;
            }

            inner = inner[(colon + 1)..];
        }

        var at = LastAtOutsideQuotes(inner);
        if (at < 0)
        {
            if (!isReverse && inner.Equals("postmaster", StringComparison.OrdinalIgnoreCase))
            {
                path = new SmtpPath("postmaster", null);
                error = string.Empty;
                return true;
            }

            error = "Address must contain @";
            return false;
        }

        var local = inner[..at];
        var domain = inner[(at + 1)..];
        if (local.Length == 0 || local.Length > MaxLocalPart || !IsLocalPart(local))
        {
            error = "Bad local part";
            return false;
        }

        if (domain.Length == 0 || domain.Length > MaxDomain || !IsDomain(domain))
        {
            error = "Bad domain";
            return false;
        }

        path = new SmtpPath(local.ToString(), domain.ToString());
        error = string.Empty;
        return true;
    }

    private static int LastAtOutsideQuotes(ReadOnlySpan<char> text)
    {
        var quoted = false;
        var last = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted && c == '\\')
            {
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '@')
            {
                last = i;
            }
        }

        return quoted ? -1 : last;
    }

    // Local-part = Dot-string / Quoted-string (RFC 5321 §4.1.2); UTF-8 allowed per RFC 6531 §3.3.
    private static bool IsLocalPart(ReadOnlySpan<char> local)
    {
        if (local[0] == '"')
        {
            if (local.Length < 2 || local[^1] != '"')
            {
                return false;
            }

            for (var i = 1; i < local.Length - 1; i++)
            {
                var c = local[i];
                if (c == '\\')
                {
                    i++;
                    if (i >= local.Length - 1 || local[i] < 32 || local[i] == 127)
                    {
                        return false;
                    }
                }
                else if (c < 32 || c == 127 || c == '"')
                {
                    return false;
                }
            }

            return true;
        }

        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (!(IsAtext(c) || c == '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal) || c > 0x7F;

    // Domain / address-literal (RFC 5321 §4.1.2, §4.1.3); U-labels allowed (RFC 6531 §3.3).
    private static bool IsDomain(ReadOnlySpan<char> domain)
    {
        if (domain[0] == '[')
        {
            if (domain[^1] != ']' || domain.Length < 3)
            {
                return false;
            }

            foreach (var c in domain[1..^1])
            {
                if (c is < '!' or > '~' or '[' or ']' or '\\')
                {
                    return false;
                }
            }

            return true;
        }

        foreach (var range in domain.Split('.'))
        {
            var label = domain[range];
            if (label.Length == 0 || label.Length > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c == '-' || c > 0x7F))
                {
                    return false;
                }
            }
        }

        return true;
    }

    // esmtp-param = esmtp-keyword ["=" esmtp-value] (RFC 5321 §4.1.2); values may hold UTF-8 (RFC 6531 §3.3).
    private static bool TryParseParameter(ReadOnlySpan<char> word, out string key, out string? value)
    {
        var equals = word.IndexOf('=');
        var keyword = equals < 0 ? word : word[..equals];
        key = keyword.ToString().ToUpperInvariant();
        value = equals < 0 ? null : word[(equals + 1)..].ToString();
        if (keyword.Length == 0 || !char.IsAsciiLetterOrDigit(keyword[0]))
        {
            return false;
        }

        foreach (var c in keyword)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        if (value is null)
        {
            return true;
        }

        if (value.Length == 0)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is < '!' or '=' || c == 127)
            {
                return false;
            }
        }

        return true;
    }
}
