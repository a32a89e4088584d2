using Microsoft.AspNetCore.Connections;

namespace Portal.Protocols.Smtp.Session;

/// <summary>
/// The submission listeners (RFC 6409): <c>Portal:Protocols:Submission</c> with STARTTLS and <c>Portal:Protocols:Smtps</c>
/// with implicit TLS (RFC 8314 §3.3). AUTH is required before MAIL.
/// </summary>
internal sealed class SubmissionConnectionHandler(SmtpServices services) : ConnectionHandler
{
    public override Task OnConnectedAsync(ConnectionContext connection) =>
        SmtpConnectionRunner.RunAsync(connection, SmtpMode.Submission, services);
}
