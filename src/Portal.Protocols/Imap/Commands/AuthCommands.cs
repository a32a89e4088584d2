using System.Text;
using Portal.Core.Security;
using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>LOGIN and AUTHENTICATE PLAIN (RFC 3501 §6.2, RFC 4616, RFC 4959 SASL-IR) through the one credential service.</summary>
internal static class AuthCommands
{
    public static async Task LoginAsync(ImapSession session, ImapCommand.Login command, CancellationToken cancellationToken)
    {
        if (!session.PlaintextAllowed)
        {
            // RFC 3501 §6.2.3 with LOGINDISABLED advertised; RFC 9051 PRIVACYREQUIRED.
            session.Send($"{command.Tag} NO [PRIVACYREQUIRED] Use STARTTLS before LOGIN.");
            return;
        }

        await VerifyAsync(session, command.Tag, command.User, command.Password, cancellationToken).ConfigureAwait(false);
    }

    public static async Task AuthenticateAsync(ImapSession session, ImapCommand.Authenticate command, CancellationToken cancellationToken)
    {
        if (command.Mechanism != "PLAIN")
        {
            session.Send($"{command.Tag} NO [CANNOT] Unsupported authentication mechanism {command.Mechanism}.");
            return;
        }

        if (!session.PlaintextAllowed)
        {
            session.Send($"{command.Tag} NO [PRIVACYREQUIRED] Use STARTTLS before AUTHENTICATE PLAIN.");
            return;
        }

        var response = command.InitialResponse;
        if (response is null)
        {
            session.Send("+ ");
            await session.FlushAsync(cancellationToken).ConfigureAwait(false);
            response = await session.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                session.State = new ImapState.Logout();
                return;
            }
        }

        if (response == "*")
        {
            session.Send($"{command.Tag} BAD Authentication cancelled.");
            return;
        }

        byte[] decoded;
        try
        {
            decoded = response == "=" ? [] : Convert.FromBase64String(response);
        }
        catch (FormatException)
        {
            session.Send($"{command.Tag} BAD Invalid base64 in the SASL response.");
            return;
        }

        // RFC 4616: authzid NUL authcid NUL passwd.
        var parts = Encoding.UTF8.GetString(decoded).Split('\0');
        if (parts.Length != 3 || parts[1].Length == 0)
        {
            session.Send($"{command.Tag} BAD Malformed PLAIN response.");
            return;
        }

        if (parts[0].Length > 0 && !parts[0].Equals(parts[1], StringComparison.OrdinalIgnoreCase))
        {
            session.Send($"{command.Tag} NO [AUTHORIZATIONFAILED] Acting as another user is not allowed.");
            return;
        }

        await VerifyAsync(session, command.Tag, parts[1], parts[2], cancellationToken).ConfigureAwait(false);
    }

    private static async Task VerifyAsync(ImapSession session, string tag, string user, string password, CancellationToken cancellationToken)
    {
        var result = await session.Services.Credentials.VerifyAsync(user, password, session.Connection.RemoteAddress, "imap", cancellationToken).ConfigureAwait(false);
        if (result.Succeeded)
        {
            session.State = new ImapState.Authenticated(result.MailboxId!.Value, result.Address!);
            Log.SignedIn(session.Services.Logger, result.Address!, session.Connection.RemoteAddress);
            session.ReportDevice();
            session.Send($"{tag} OK [CAPABILITY {session.Capabilities()}] Logged in.");
            return;
        }

        Log.SignInRefused(session.Services.Logger, result.Outcome.ToString(), session.Connection.RemoteAddress);
        session.Send(result.Outcome == CredentialOutcome.Throttled
            ? $"{tag} NO [UNAVAILABLE] Too many failed attempts; try again later."
            : $"{tag} NO [AUTHENTICATIONFAILED] Authentication failed.");
    }
}
