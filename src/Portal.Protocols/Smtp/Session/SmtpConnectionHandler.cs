using Microsoft.AspNetCore.Connections;

namespace Portal.Protocols.Smtp.Session;

/// <summary>The MX listener (<c>Portal:Protocols:Smtp</c>): mail for local domains, STARTTLS offered, no AUTH.</summary>
internal sealed class SmtpConnectionHandler(SmtpServices services) : ConnectionHandler
{
    public override Task OnConnectedAsync(ConnectionContext connection) =>
        SmtpConnectionRunner.RunAsync(connection, SmtpMode.Relay, services);
}
