using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>CAPABILITY, NOOP, CHECK, LOGOUT, STARTTLS, ID, ENABLE, NAMESPACE.</summary>
internal static class SessionCommands
{
    public static void Capability(ImapSession session, ImapCommand command)
    {
        session.Send($"* CAPABILITY {session.Capabilities()}");
        session.Send($"{command.Tag} OK CAPABILITY completed.");
    }

    public static async Task NoopAsync(ImapSession session, ImapCommand.Simple command, CancellationToken cancellationToken)
    {
        // RFC 3501 §6.1.2: NOOP is the poll for updates.
        await session.SendUpdatesAsync(byUid: false, cancellationToken).ConfigureAwait(false);
        session.ReportDevice(synced: session.Selected is not null);
        session.Send($"{command.Tag} OK {command.Verb} completed.");
    }

    public static void Logout(ImapSession session, ImapCommand command)
    {
        session.Send("* BYE Portal IMAP signing off.");
        session.Send($"{command.Tag} OK LOGOUT completed.");
        session.State = new ImapState.Logout();
    }

    public static async Task StartTlsAsync(ImapSession session, ImapCommand command, CancellationToken cancellationToken)
    {
        if (session.Connection.IsSecure)
        {
            session.Send($"{command.Tag} BAD The connection is already secure.");
            return;
        }

        if (session.HasBufferedInput)
        {
            // RFC 3501 §6.2.1 / RFC 7817: bytes pipelined after STARTTLS would be injected into the TLS session.
            session.Send($"{command.Tag} BAD Commands pipelined after STARTTLS are refused.");
            session.State = new ImapState.Logout();
            return;
        }

        session.Send($"{command.Tag} OK Begin TLS negotiation now.");
        await session.FlushAsync(cancellationToken).ConfigureAwait(false);
        await session.Connection.StartTlsAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>COMPRESS DEFLATE (RFC 4978): the OK goes out uncompressed, everything after it is raw DEFLATE both ways.</summary>
    public static async Task CompressAsync(ImapSession session, ImapCommand.Compress command, CancellationToken cancellationToken)
    {
        if (command.Mechanism != "DEFLATE")
        {
            session.Send($"{command.Tag} BAD Unknown compression mechanism {command.Mechanism}.");
            return;
        }

        if (session.Compressed)
        {
            session.Send($"{command.Tag} NO [COMPRESSIONACTIVE] DEFLATE is already active.");
            return;
        }

        if (session.HasBufferedInput)
        {
            // Bytes sent after COMPRESS before our OK cannot be told apart from compressed data (RFC 4978 §3).
            session.Send($"{command.Tag} BAD Commands pipelined after COMPRESS are refused.");
            return;
        }

        session.Send($"{command.Tag} OK DEFLATE active.");
        await session.FlushAsync(cancellationToken).ConfigureAwait(false);
        session.Connection.StartCompression();
        session.Compressed = true;
    }

    public static void Id(ImapSession session, ImapCommand.Id command)
    {
        // RFC 2971: the client's name goes to the device registry; the server answers with its own.
        if (command.Fields.TryGetValue("name", out var name) && !string.IsNullOrWhiteSpace(name))
        {
            var version = command.Fields.TryGetValue("version", out var v) && !string.IsNullOrWhiteSpace(v) ? " " + v : string.Empty;
            session.ClientName = (name + version).Trim();
            session.ReportDevice();
        }

        session.Send("* ID (\"name\" \"Portal\" \"vendor\" \"Portal\")");
        session.Send($"{command.Tag} OK ID completed.");
    }

    public static void Enable(ImapSession session, ImapCommand.Enable command)
    {
        // RFC 5161: only what the server supports is enabled and listed.
        var enabled = new List<string>();
        foreach (var capability in command.Capabilities.Distinct())
        {
            if (capability == "CONDSTORE")
            {
                session.CondStoreEnabled = true;
                enabled.Add(capability);
            }
            else if (capability == "QRESYNC")
            {
                // RFC 7162 §3.2.3: QRESYNC implies CONDSTORE.
                session.CondStoreEnabled = true;
                session.QResyncEnabled = true;
                enabled.Add(capability);
            }
            else if (capability == "IMAP4REV2")
            {
                // RFC 9051 §6.3.1 / appendix E: no \Recent, ESEARCH for SEARCH, UTF-8 mailbox names, LIST in SELECT.
                session.Rev2Enabled = true;
                session.Utf8Enabled = true;
                enabled.Add("IMAP4rev2");
            }
            else if (capability == "UTF8=ACCEPT")
            {
                // RFC 6855 §3: mailbox names (and quoted strings) in UTF-8 from now on.
                session.Utf8Enabled = true;
                enabled.Add(capability);
            }
        }

        session.Send("* ENABLED" + string.Concat(enabled.Select(e => " " + e)));
        session.Send($"{command.Tag} OK ENABLE completed.");
    }

    public static void Namespace(ImapSession session, ImapCommand command)
    {
        // RFC 2342: one personal namespace, no prefix; no other users' or shared folders yet.
        session.Send("* NAMESPACE ((\"\" \"/\")) NIL NIL");
        session.Send($"{command.Tag} OK NAMESPACE completed.");
    }
}
