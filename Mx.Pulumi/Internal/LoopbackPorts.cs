using System.Net;
using System.Net.Sockets;

namespace Mx.Pulumi.Internal;

/// <summary>Ports on this machine's loopback for the port-forwards mx opens (dash, flow, usage, serve test, jupyter).</summary>
internal static class LoopbackPorts
{
    /// <summary>A port nothing listens on now, chosen by the system.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether <paramref name="port"/> can be listened on, so a forward to it will not fail on a port in use.</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
