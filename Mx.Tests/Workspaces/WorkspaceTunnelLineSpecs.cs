using Mx.Pulumi.Workspaces;

namespace Mx.Tests.Workspaces;

/// <summary>
/// Reading kubectl port-forward's output: client-go's tools/portforward prints "Forwarding from HOST:PORT -> REMOTE"
/// per listening address (net.JoinHostPort, so IPv6 in brackets), and "Handling connection for PORT" per connection.
/// </summary>
public class WorkspaceTunnelLineSpecs
{
    [Theory]
    [InlineData("Forwarding from 127.0.0.1:38113 -> 2222", 2222, 38113)]
    [InlineData("Forwarding from 127.0.0.1:8888 -> 8888", 8888, 8888)]
    [InlineData("Forwarding from [::1]:38113 -> 2222", 2222, null)]
    [InlineData("Forwarding from 127.0.0.1:38113 -> 8888", 2222, null)]
    [InlineData("Handling connection for 38113", 2222, null)]
    [InlineData("Forwarding from 0.0.0.0:38113 -> 2222", 2222, null)]
    public void Only_the_loopback_line_of_the_remote_port_gives_the_local_port(string line, int remote, int? expected) =>
        Assert.Equal(expected, WorkspaceTunnel.ListeningPort(line, remote));
}
