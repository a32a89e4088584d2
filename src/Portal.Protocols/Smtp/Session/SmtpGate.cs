using Portal.Protocols.Smtp.Parsing;

namespace Portal.Protocols.Smtp.Session;

/// <summary>
/// The one place that says which command may run now: by transaction state (RFC 5321 §4.1.4), by listener (AUTH only on
/// submission, RFC 6409 §4), by channel (AUTH only over TLS, RFC 4954 §4) and by authentication (submission needs it
/// before MAIL, RFC 4954 §6). Null means allowed.
/// </summary>
internal static class SmtpGate
{
    public static SmtpReply? Check(SmtpSession session, SmtpVerb verb)
    {
        var state = session.State;
        switch (verb)
        {
            case SmtpVerb.Unknown:
                return new SmtpReply(500, "5.5.1", "Command unrecognized");
            case SmtpVerb.Expn:
                // RFC 5321 §3.5.2: EXPN may be disabled; it would disclose list members.
                return new SmtpReply(502, "5.5.1", "EXPN not available");
            case SmtpVerb.Noop or SmtpVerb.Quit or SmtpVerb.Rset or SmtpVerb.Help or SmtpVerb.Vrfy:
                return null;
        }

        // RFC 3030 §2: once BDAT chunks have started, only more BDAT (or RSET/QUIT/NOOP) may follow.
        if (state == SmtpState.Chunking && verb != SmtpVerb.Bdat)
        {
            return new SmtpReply(503, "5.5.1", "BDAT LAST expected");
        }

        return verb switch
        {
            SmtpVerb.Ehlo or SmtpVerb.Helo => null,
            SmtpVerb.StartTls when session.Connection.IsSecure => new SmtpReply(503, "5.5.1", "TLS already active"),
            SmtpVerb.StartTls => state is SmtpState.Connected or SmtpState.Ready ? null : OutOfSequence("STARTTLS inside a transaction"),
            SmtpVerb.Auth when session.Mode != SmtpMode.Submission => new SmtpReply(502, "5.5.1", "AUTH not available on this port"),
            SmtpVerb.Auth when !session.Connection.IsSecure => new SmtpReply(530, "5.7.0", "Must issue a STARTTLS command first"),
            SmtpVerb.Auth when session.MailboxId is not null => new SmtpReply(503, "5.5.1", "Already authenticated"),
            SmtpVerb.Auth => state == SmtpState.Ready ? null : OutOfSequence(state == SmtpState.Connected ? "Send EHLO first" : "AUTH inside a transaction"),
            SmtpVerb.Mail when state == SmtpState.Connected => OutOfSequence("Send EHLO/HELO first"),
            SmtpVerb.Mail when state != SmtpState.Ready => OutOfSequence("Nested MAIL command"),
            SmtpVerb.Mail when session.Mode == SmtpMode.Submission && !session.Connection.IsSecure => new SmtpReply(530, "5.7.0", "Must issue a STARTTLS command first"),
            SmtpVerb.Mail when session.Mode == SmtpMode.Submission && session.MailboxId is null => new SmtpReply(530, "5.7.0", "Authentication required"),
            SmtpVerb.Mail => null,
            SmtpVerb.Rcpt => state is SmtpState.Mail or SmtpState.Rcpt ? null : OutOfSequence("Need MAIL before RCPT"),
            SmtpVerb.Data => state == SmtpState.Rcpt ? null : OutOfSequence(state == SmtpState.Mail ? "Need RCPT before DATA" : "Need MAIL before DATA"),
            SmtpVerb.Bdat => state is SmtpState.Rcpt or SmtpState.Chunking ? null : OutOfSequence("Need RCPT before BDAT"),
            _ => new SmtpReply(500, "5.5.1", "Command unrecognized"),
        };
    }

    private static SmtpReply OutOfSequence(string text) => new(503, "5.5.1", text);
}
