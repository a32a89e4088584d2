using Portal.Protocols.Imap.Parsing;

namespace Portal.Protocols.Imap.Commands;

/// <summary>
/// Mailbox names between the wire and the store. Clients that enabled UTF8=ACCEPT (RFC 6855 §3) or IMAP4rev2
/// (RFC 9051 §5.1) send and get UTF-8; the others modified UTF-7 (RFC 3501 §5.1.3). The store keeps real names.
/// </summary>
internal static class MailboxNames
{
    /// <summary>The command with every mailbox name (and LIST reference/patterns) turned into store names.</summary>
    public static ImapCommand Decode(ImapCommand command, bool utf8)
    {
        if (utf8)
        {
            return command;
        }

        return command switch
        {
            ImapCommand.MailboxVerb verb => verb with { Mailbox = Name(verb.Mailbox) },
            ImapCommand.Rename rename => rename with { From = Name(rename.From), To = Name(rename.To) },
            ImapCommand.List list => list with { Reference = Name(list.Reference), Patterns = list.Patterns.Select(Name).ToList() },
            ImapCommand.Status status => status with { Mailbox = Name(status.Mailbox) },
            ImapCommand.Append append => append with { Mailbox = Name(append.Mailbox) },
            ImapCommand.Copy copy => copy with { Mailbox = Name(copy.Mailbox) },
            ImapCommand.Quota { Verb: "GETQUOTAROOT" } quota => quota with { Argument = Name(quota.Argument) },
            _ => command,
        };
    }

    /// <summary>A store name as the client wants it, as an IMAP string.</summary>
    public static string Wire(string name, bool utf8) => ImapFormat.String(utf8 ? name : ModifiedUtf7.Encode(name));

    private static string Name(string wire) =>
        ModifiedUtf7.TryDecode(wire, out var name) ? name : throw new ImapParseException($"Invalid modified UTF-7 mailbox name \"{wire}\".");
}
