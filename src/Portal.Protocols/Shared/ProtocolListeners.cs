using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Portal.Protocols.Shared;

/// <summary>Puts a protocol's <see cref="ConnectionHandler"/> on its configured port (<c>Portal:Protocols:&lt;Name&gt;</c>).</summary>
public static class ProtocolListeners
{
    /// <summary>
    /// Listens for <typeparamref name="THandler"/> on the port of the listener <paramref name="select"/> picks, if enabled.
    /// With <paramref name="implicitTls"/>, the handler's <see cref="ProtocolConnection.AcceptAsync"/> does the TLS handshake first.
    /// </summary>
    public static void Listen<THandler>(KestrelServerOptions kestrel, Func<ProtocolListenersOptions, ListenerOptions> select, bool implicitTls)
        where THandler : ConnectionHandler
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(select);
        var options = kestrel.ApplicationServices.GetRequiredService<IOptions<ProtocolListenersOptions>>().Value;
        var listener = select(options);
        if (!listener.Enabled)
        {
            return;
        }

        kestrel.Listen(IPAddress.Parse(options.BindAddress), listener.Port, l =>
        {
            if (implicitTls)
            {
                l.Use(next => context =>
                {
                    context.Items[ProtocolConnection.ImplicitTlsItem] = true;
                    return next(context);
                });
            }

            l.UseConnectionHandler<THandler>();
        });
    }
}
