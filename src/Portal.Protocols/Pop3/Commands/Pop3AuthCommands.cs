using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Mail;
using Portal.Core.Security;
using Portal.Core.Tenancy;
using Portal.Protocols.Pop3.Parsing;
using Portal.Protocols.Pop3.Session;

namespace Portal.Protocols.Pop3.Commands;

/// <summary>CAPA (RFC 2449), USER/PASS (RFC 1939 §7), AUTH PLAIN (RFC 5034), STLS (RFC 2595).</summary>
internal static class Pop3AuthCommands
{
    public static void Capa(Pop3Session session)
    {
        session.Send("+OK Capability list follows.");
        session.Send("TOP");
        session.Send("UIDL");
        session.Send("RESP-CODES");
        session.Send("AUTH-RESP-CODE");
        session.Send("PIPELINING");
        if (session.State is Pop3State.Authorization)
        {
            if (!session.Connection.IsSecure)
            {
                session.Send("STLS");
            }

            if (session.PlaintextAllowed)
            {
                session.Send("USER");
                session.Send("SASL PLAIN");
            }
        }

        session.Send("IMPLEMENTATION Portal");
        session.Send(".");
    }

    public static void User(Pop3Session session, Pop3Command command)
    {
        if (!session.PlaintextAllowed)
        {
            session.Send("-ERR [AUTH] Use STLS before USER.");
            return;
        }

        session.State = new Pop3State.Authorization(command.Arguments[0]);
        session.Send("+OK Send PASS.");
    }

    public static async Task PassAsync(Pop3Session session, Pop3Command command, CancellationToken cancellationToken)
    {
        if (session.State is not Pop3State.Authorization { User: { } user })
        {
            session.Send("-ERR USER first.");
            return;
        }

        await VerifyAsync(session, user, command.Arguments[0], cancellationToken).ConfigureAwait(false);
    }

    public static async Task AuthAsync(Pop3Session session, Pop3Command command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count == 0)
        {
            // RFC 5034 §4 permits listing mechanisms for AUTH without arguments (as many clients probe).
            session.Send("+OK Mechanisms follow.");
            if (session.PlaintextAllowed)
            {
                session.Send("PLAIN");
            }

            session.Send(".");
            return;
        }

        if (!command.Arguments[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            session.Send("-ERR Unsupported mechanism.");
            return;
        }

        if (!session.PlaintextAllowed)
        {
            session.Send("-ERR [AUTH] Use STLS before AUTH PLAIN.");
            return;
        }

        var response = command.Arguments.Count > 1 ? command.Arguments[1] : null;
        if (response is null)
        {
            session.Send("+ ");
            await session.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await session.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                session.State = new Pop3State.Closed();
                return;
            }

            response = Encoding.ASCII.GetString(line);
        }

        if (response == "*")
        {
            session.Send("-ERR Authentication cancelled.");
            return;
        }

        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(response == "=" ? [] : Convert.FromBase64String(response)).Split('\0');
        }
        catch (FormatException)
        {
            session.Send("-ERR Invalid base64.");
            return;
        }

        if (parts.Length != 3 || parts[1].Length == 0 || (parts[0].Length > 0 && !parts[0].Equals(parts[1], StringComparison.OrdinalIgnoreCase)))
        {
            session.Send("-ERR [AUTH] Malformed PLAIN response.");
            return;
        }

        await VerifyAsync(session, parts[1], parts[2], cancellationToken).ConfigureAwait(false);
    }

    public static async Task StlsAsync(Pop3Session session, CancellationToken cancellationToken)
    {
        if (session.Connection.IsSecure)
        {
            session.Send("-ERR Already secure.");
            return;
        }

        if (session.HasBufferedInput)
        {
            // RFC 2595 §4 / RFC 7817: commands pipelined after STLS would be injected into the TLS session.
            session.Send("-ERR Commands pipelined after STLS are refused.");
            session.State = new Pop3State.Closed();
            return;
        }

        session.Send("+OK Begin TLS negotiation.");
        await session.FlushAsync(cancellationToken).ConfigureAwait(false);
        await session.Connection.StartTlsAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task VerifyAsync(Pop3Session session, string user, string password, CancellationToken cancellationToken)
    {
        var services = session.Services;
        var result = await services.Credentials.VerifyAsync(user, password, session.Connection.RemoteAddress, "pop3", cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            Log.SignInRefused(services.Logger, result.Outcome.ToString(), session.Connection.RemoteAddress);
            session.State = new Pop3State.Authorization(null);

            // RFC 3206: [AUTH] for bad credentials, [SYS/TEMP] when throttled.
            session.Send(result.Outcome == CredentialOutcome.Throttled ? "-ERR [SYS/TEMP] Too many failed attempts; try later." : "-ERR [AUTH] Authentication failed.");
            return;
        }

        var mailboxId = result.MailboxId!.Value;
        if (!session.TryLockMaildrop(mailboxId))
        {
            // RFC 2449 §8.1.2 / RFC 1939 §8: another session has the maildrop; the credentials were fine.
            Log.MaildropInUse(services.Logger, result.Address!, session.Connection.RemoteAddress);
            session.State = new Pop3State.Authorization(null);
            session.Send("-ERR [IN-USE] The maildrop is in use by another POP3 session.");
            return;
        }

        var inbox = await services.Store.FindFolderAsync(mailboxId, FolderRole.Inbox, cancellationToken).ConfigureAwait(false);
        if (inbox is null)
        {
            session.Send("-ERR [SYS/PERM] The mailbox has no Inbox.");
            return;
        }

        bool leaveOnServer;
        await using (var scope = services.Scopes.CreateAsyncScope())
        {
            var mailbox = await scope.ServiceProvider.GetRequiredService<IAccountService>().FindMailboxAsync(result.Address!, cancellationToken).ConfigureAwait(false);
            leaveOnServer = mailbox?.Pop3LeaveOnServer ?? true;
        }

        var messages = await services.Store.ListSummariesAsync(inbox.Id, cancellationToken).ConfigureAwait(false);
        session.State = new Pop3State.Transaction(mailboxId, result.Address!, new Maildrop(inbox.Id, inbox.UidValidity, messages, leaveOnServer));
        Log.SignedIn(services.Logger, result.Address!, session.Connection.RemoteAddress);
        session.ReportDevice(mailboxId, synced: false);
        session.Send($"+OK {messages.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} messages.");
    }
}
