using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Portal.Testing;

public static class FreePort
{
    // The OS may hand the same ephemeral port out twice in a row once the probe closes; a host needs nine distinct ones.
    private static readonly ConcurrentDictionary<int, bool> Given = new();

    /// <summary>A TCP port on loopback that nothing listens on right now, and not handed out before in this process.</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            if (Given.TryAdd(port, true))
            {
                return port;
            }
        }
    }
}
