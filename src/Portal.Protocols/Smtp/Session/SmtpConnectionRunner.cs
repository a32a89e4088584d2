using System.Security.Authentication;
using Microsoft.AspNetCore.Connections;
using Portal.Protocols.Shared;

namespace Portal.Protocols.Smtp.Session;

/// <summary>Accepts a Kestrel connection (TLS first on implicit-TLS ports) and runs a session on it until it ends.</summary>
internal static class SmtpConnectionRunner
{
    public static async Task RunAsync(ConnectionContext context, SmtpMode mode, SmtpServices services)
    {
        ProtocolConnection? connection = null;
        try
        {
            connection = await ProtocolConnection.AcceptAsync(context, services.Certificates).ConfigureAwait(false);
            await using var session = new SmtpSession(connection, mode, services);
            await session.RunAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or AuthenticationException or ConnectionResetException or ObjectDisposedException)
        {
            // The peer went away or never finished the handshake: nothing to answer.
            Log.Ended(services.Logger, context.ConnectionId, ex.GetType().Name);
        }
        finally
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            Log.Closed(services.Logger, context.ConnectionId);
        }
    }
}
