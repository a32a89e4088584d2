using System.Globalization;
using System.Net;
using System.Text;
using MimeKit.Utils;

namespace Portal.Protocols.Smtp.Session;

/// <summary>The trace header prepended to every accepted message (RFC 5321 §4.4, "with" keywords of RFC 3848 and RFC 6531 §3.7.3).</summary>
internal static class ReceivedHeader
{
    public static byte[] Build(string helo, IPAddress? remote, string host, string protocol, string id, string? singleRecipient, DateTimeOffset now)
    {
        var builder = new StringBuilder();
        builder.Append(CultureInfo.InvariantCulture, $"Received: from {Clean(helo)} ([{remote}])\r\n");
        builder.Append(CultureInfo.InvariantCulture, $"\tby {host} with {protocol} id {id}");
        if (singleRecipient is not null)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\r\n\tfor <{singleRecipient}>");
        }

        // MimeKit formats the RFC 5322 date with invariant month and day names, whatever the server's locale.
        builder.Append(CultureInfo.InvariantCulture, $";\r\n\t{DateUtils.FormatDate(now)}\r\n");
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    /// <summary>RFC 3848 §2 and RFC 6531 §3.7.3: SMTP/ESMTP, S for TLS, A for AUTH; UTF8SMTP when SMTPUTF8 was used.</summary>
    public static string Protocol(bool extended, bool secure, bool authenticated, bool utf8)
    {
        if (!extended)
        {
            return "SMTP";
        }

        var suffix = (secure ? "S" : string.Empty) + (authenticated ? "A" : string.Empty);
        return (utf8 ? "UTF8SMTP" : "ESMTP") + suffix;
    }

    // The client's EHLO text goes into a header: keep it to visible ASCII.
    private static string Clean(string helo)
    {
        var builder = new StringBuilder(helo.Length);
        foreach (var c in helo)
        {
            builder.Append(c is > ' ' and < (char)127 and not '(' and not ')' ? c : '?');
        }

        return builder.Length == 0 ? "unknown" : builder.ToString();
    }
}
