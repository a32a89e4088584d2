using System.Globalization;
using System.Text;
using Portal.Core.Mail;

namespace Portal.Protocols.Imap.Commands;

/// <summary>How values are written on the wire (RFC 3501 §9): strings, flags, dates.</summary>
internal static class ImapFormat
{
    public static string Flags(MessageFlags flags, string keywords)
    {
        var parts = new List<string>(6);
        if (flags.HasFlag(MessageFlags.Seen))
        {
            parts.Add("\\Seen");
        }

        if (flags.HasFlag(MessageFlags.Answered))
        {
            parts.Add("\\Answered");
        }

        if (flags.HasFlag(MessageFlags.Flagged))
        {
            parts.Add("\\Flagged");
        }

        if (flags.HasFlag(MessageFlags.Deleted))
        {
            parts.Add("\\Deleted");
        }

        if (flags.HasFlag(MessageFlags.Draft))
        {
            parts.Add("\\Draft");
        }

        if (!string.IsNullOrEmpty(keywords))
        {
            parts.Add(keywords);
        }

        return string.Join(' ', parts);
    }

    /// <summary>Maps flag names to system flags; keywords (no backslash) come back separately.</summary>
    public static (MessageFlags Flags, List<string> Keywords, string? Unknown) ParseFlags(IEnumerable<string> names)
    {
        var flags = MessageFlags.None;
        var keywords = new List<string>();
        foreach (var name in names)
        {
            switch (name.ToUpperInvariant())
            {
                case "\\SEEN": flags |= MessageFlags.Seen; break;
                case "\\ANSWERED": flags |= MessageFlags.Answered; break;
                case "\\FLAGGED": flags |= MessageFlags.Flagged; break;
                case "\\DELETED": flags |= MessageFlags.Deleted; break;
                case "\\DRAFT": flags |= MessageFlags.Draft; break;
                case "\\RECENT": break;
                default:
                    if (name.StartsWith('\\'))
                    {
                        return (flags, keywords, name);
                    }

                    keywords.Add(name);
                    break;
            }
        }

        return (flags, keywords, null);
    }

    /// <summary>RFC 3501 date-time: "dd-MMM-yyyy HH:mm:ss +0000", always with the invariant culture's month names.</summary>
    public static string DateTime(DateTime utc) =>
        "\"" + utc.ToString("dd-MMM-yyyy HH:mm:ss", CultureInfo.InvariantCulture) + " +0000\"";

    /// <summary>A string: quoted when it is plain ASCII, else a literal (8-bit text is only allowed in literals, RFC 3501 §4.3).</summary>
    public static string String(string value)
    {
        var plain = true;
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                plain = false;
                break;
            }
        }

        if (plain && value.Length < 1000)
        {
            return "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
        }

        return "{" + Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture) + "}\r\n" + value;
    }

    public static string NString(string? value) => value is null ? "NIL" : String(value);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
