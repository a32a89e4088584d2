using Microsoft.AspNetCore.Connections;
using Portal.Protocols.Shared;

namespace Portal.Protocols.Imap.Session;

/// <summary>Kestrel hands each IMAP (and IMAPS) connection here.</summary>
public sealed class ImapConnectionHandler(ImapServices services, TlsCertificateProvider certificates) : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        try
        {
            var protocol = await ProtocolConnection.AcceptAsync(connection, certificates).ConfigureAwait(false);
            await using (protocol.ConfigureAwait(false))
            {
                var session = new ImapSession(protocol, services);
                await session.RunAsync(connection.ConnectionClosed).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionResetException or ConnectionAbortedException or System.Security.Authentication.AuthenticationException)
        {
            Log.Disconnected(services.Logger, connection.ConnectionId, ex.GetType().Name);
        }
    }
}
