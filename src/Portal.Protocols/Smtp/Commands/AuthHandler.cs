using Portal.Core.Devices;
using Portal.Core.Security;
using Portal.Protocols.Smtp.Parsing;
using Portal.Protocols.Smtp.Session;

namespace Portal.Protocols.Smtp.Commands;

/// <summary>
/// AUTH PLAIN and LOGIN (RFC 4954, RFC 4616), only on submission and only over TLS (the gate sees to both), through the
/// one credential service: 235 2.7.0 on success, 535 5.7.8 on bad credentials, 454 4.7.0 while the address is throttled.
/// </summary>
internal sealed class AuthHandler : ISmtpCommandHandler
{
    private const string Protocol = "smtp";

    public SmtpVerb Verb => SmtpVerb.Auth;

    public async ValueTask RunAsync(SmtpSession session, SmtpCommand command)
    {
        var words = command.Argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is < 1 or > 2)
        {
            session.Reply(501, "5.5.4", "Syntax: AUTH mechanism [initial-response]");
            return;
        }

        var initial = words.Length == 2 ? words[1] : null;
        SaslCredentials? credentials;
        if (words[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            credentials = await PlainAsync(session, initial).ConfigureAwait(false);
        }
        else if (words[0].Equals("LOGIN", StringComparison.OrdinalIgnoreCase))
        {
            credentials = await LoginAsync(session, initial).ConfigureAwait(false);
        }
        else
        {
            session.Reply(504, "5.5.4", "Unrecognized authentication mechanism");
            return;
        }

        if (credentials is null)
        {
            return;
        }

        var services = session.Services;
        var result = await services.Credentials.VerifyAsync(credentials.UserName, credentials.Password, session.Connection.RemoteAddress, Protocol, session.Connection.ConnectionClosed).ConfigureAwait(false);
        if (result.Outcome == CredentialOutcome.Throttled)
        {
            Log.AuthFailed(services.Logger, session.Connection.ConnectionId, session.Connection.RemoteAddress, result.Outcome.ToString());
            session.Reply(454, "4.7.0", "Too many failed attempts, try again later");
            return;
        }

        if (!result.Succeeded || result.MailboxId is not { } mailboxId)
        {
            // RFC 4954 §6: one answer for every kind of failure, so it does not tell which part was wrong.
            Log.AuthFailed(services.Logger, session.Connection.ConnectionId, session.Connection.RemoteAddress, result.Outcome.ToString());
            session.Reply(535, "5.7.8", "Authentication credentials invalid");
            return;
        }

        session.MailboxId = mailboxId;
        session.AuthenticatedAddress = result.Address;
        Log.Authenticated(services.Logger, session.Connection.ConnectionId, result.Address ?? string.Empty);
        services.Devices.DeviceSeen(new DeviceActivity(mailboxId, DeviceProtocol.Smtp, DeviceId(session), null, session.Connection.RemoteAddress?.ToString()));
        session.Reply(235, "2.7.0", "Authentication successful");
    }

    /// <summary>SMTP has no device id; the EHLO name is what a client says about itself.</summary>
    public static string DeviceId(SmtpSession session) => "smtp:" + (session.Helo ?? "unknown");

    private static async ValueTask<SaslCredentials?> PlainAsync(SmtpSession session, string? initial)
    {
        var response = initial ?? await ChallengeAsync(session, string.Empty).ConfigureAwait(false);
        if (response is null)
        {
            return null;
        }

        if (!SaslDecoder.TryDecode(response, out var decoded) || !SaslDecoder.TryParsePlain(decoded, out var credentials))
        {
            session.Reply(501, "5.5.2", "Cannot decode the PLAIN response");
            return null;
        }

        return credentials;
    }

    private static async ValueTask<SaslCredentials?> LoginAsync(SmtpSession session, string? initial)
    {
        // The LOGIN prompts are base64 of "Username:" and "Password:" (draft-murchison-sasl-login).
        var userResponse = initial ?? await ChallengeAsync(session, "VXNlcm5hbWU6").ConfigureAwait(false);
        if (userResponse is null)
        {
            return null;
        }

        if (!SaslDecoder.TryDecode(userResponse, out var user) || user.Length == 0)
        {
            session.Reply(501, "5.5.2", "Cannot decode the user name");
            return null;
        }

        var passwordResponse = await ChallengeAsync(session, "UGFzc3dvcmQ6").ConfigureAwait(false);
        if (passwordResponse is null)
        {
            return null;
        }

        if (!SaslDecoder.TryDecode(passwordResponse, out var password) || password.Length == 0)
        {
            session.Reply(501, "5.5.2", "Cannot decode the password");
            return null;
        }

        return new SaslCredentials(user, password);
    }

    /// <summary>Sends 334 and reads the client's answer; null (already answered) when cancelled, unreadable or gone.</summary>
    private static async ValueTask<string?> ChallengeAsync(SmtpSession session, string challenge)
    {
        session.Reply(334, null, challenge);
        var read = await session.Channel.ReadLineAsync(session.Services.Options.MaxCommandLineLength).ConfigureAwait(false);
        switch (read.Status)
        {
            case LineReadStatus.Closed:
                session.Closing = true;
                return null;
            case LineReadStatus.TooLong:
                session.Reply(500, "5.5.2", "Line too long");
                return null;
        }

        var text = System.Text.Encoding.ASCII.GetString(read.Line.Span).Trim();
        if (SaslDecoder.IsCancel(text))
        {
            session.Reply(501, "5.0.0", "Authentication cancelled");
            return null;
        }

        return text;
    }
}
