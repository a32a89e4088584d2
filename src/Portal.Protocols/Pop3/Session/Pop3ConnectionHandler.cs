using Microsoft.AspNetCore.Connections;
using Portal.Protocols.Shared;

namespace Portal.Protocols.Pop3.Session;

/// <summary>Kestrel hands each POP3 (and POP3S) connection here.</summary>
public sealed class Pop3ConnectionHandler(Pop3Services services, TlsCertificateProvider certificates) : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            var protocol = await ProtocolConnection.AcceptAsync(connection, certificates).ConfigureAwait(false);
            await using (protocol.ConfigureAwait(false))
            {
                var session = new Pop3Session(protocol, services);
                await session.RunAsync(connection.ConnectionClosed).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionResetException or ConnectionAbortedException or System.Security.Authentication.AuthenticationException)
        {
            Log.Disconnected(services.Logger, connection.ConnectionId, ex.GetType().Name);
        }
    }
}
