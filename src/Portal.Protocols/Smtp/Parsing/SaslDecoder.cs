using System.Text;

namespace Portal.Protocols.Smtp.Parsing;

/// <summary>Decodes SASL responses (RFC 4954 §4): base64, "*" to cancel, "=" for an empty initial response. Pure.</summary>
public static class SaslDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool IsCancel(string response) => response == "*";

    /// <summary>Base64 to UTF-8 text; "=" is the empty string. False when not valid base64 or UTF-8.</summary>
    public static bool TryDecode(string response, out string text)
    {
        text = string.Empty;
        if (response == "=")
        {
            return true;
        }

        var bytes = new byte[(response.Length * 3 / 4) + 3];
        if (!Convert.TryFromBase64String(response, bytes, out var written))
        {
            return false;
        }

        try
        {
            text = StrictUtf8.GetString(bytes, 0, written);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    /// <summary>
    /// PLAIN (RFC 4616 §2): <c>authzid NUL authcid NUL passwd</c>. An authorization identity other than the
    /// authentication identity is refused: nobody may act as someone else here.
    /// </summary>
    public static bool TryParsePlain(string decoded, out SaslCredentials credentials)
    {
        credentials = new SaslCredentials(string.Empty, string.Empty);
        var parts = decoded.Split('\0');
        if (parts.Length != 3 || parts[1].Length == 0 || parts[2].Length == 0)
        {
            return false;
        }

        if (parts[0].Length > 0 && !string.Equals(parts[0], parts[1], StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        credentials = new SaslCredentials(parts[1], parts[2]);
        return true;
    }
}
