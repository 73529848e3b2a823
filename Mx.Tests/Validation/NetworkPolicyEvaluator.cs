using k8s.Models;

namespace Mx.Tests.Validation;

/// <summary>
/// Decides, as the NetworkPolicy API defines it, whether one pod may open a connection to another: a pod selected by no
/// policy of a direction is open in that direction; a selected pod accepts only what one of its policies' rules allows;
/// a connection needs the source's egress and the destination's ingress. Selectors with matchExpressions, ipBlocks and
/// named ports are refused rather than guessed, so a policy that uses them fails the test until this learns them.
/// </summary>
public sealed class NetworkPolicyEvaluator(IReadOnlyList<V1NetworkPolicy> policies)
{
    /// <summary>A pod, with its namespace's labels (kubernetes.io/metadata.name is added).</summary>
    public sealed record Pod(string Namespace, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string>? NamespaceLabels = null)
    {
        public IReadOnlyDictionary<string, string> AllNamespaceLabels =>
            new Dictionary<string, string>(NamespaceLabels ?? new Dictionary<string, string>()) { ["kubernetes.io/metadata.name"] = Namespace };
    }

    public bool Allows(Pod from, Pod to, int port, string protocol = "TCP") =>
        Permits(from, to, port, protocol, "Egress") && Permits(to, from, port, protocol, "Ingress");

    private bool Permits(Pod subject, Pod peer, int port, string protocol, string direction)
    {
        var selecting = policies.Where(p => p.Metadata.NamespaceProperty == subject.Namespace && Types(p).Contains(direction)
            && Matches(p.Spec.PodSelector, subject.Labels)).ToArray();
        if (selecting.Length == 0) return true;
        foreach (var policy in selecting)
        {
            var rules = direction == "Ingress"
                ? (policy.Spec.Ingress ?? []).Select(r => (Peers: r.FromProperty, r.Ports))
                : (policy.Spec.Egress ?? []).Select(r => (Peers: r.To, r.Ports));
            if (rules.Any(r => PeerMatches(r.Peers, policy.Metadata.NamespaceProperty, peer) && PortMatches(r.Ports, port, protocol)))
                return true;
        }
        return false;
    }

    // Without policyTypes, a policy is of Ingress, and of Egress too when it has egress rules (API defaulting).
    private static IList<string> Types(V1NetworkPolicy policy) =>
        policy.Spec.PolicyTypes ?? (policy.Spec.Egress is { Count: > 0 } ? ["Ingress", "Egress"] : ["Ingress"]);

    private static bool PeerMatches(IList<V1NetworkPolicyPeer>? peers, string policyNamespace, Pod peer)
    {
        if (peers is null || peers.Count == 0) return true;
        foreach (var p in peers)
        {
            if (p.IpBlock is not null) throw new NotSupportedException("ipBlock peers are not evaluated");
            var namespaceOk = p.NamespaceSelector is null ? peer.Namespace == policyNamespace : Matches(p.NamespaceSelector, peer.AllNamespaceLabels);
            var podOk = p.PodSelector is null || Matches(p.PodSelector, peer.Labels);
            if (namespaceOk && podOk) return true;
        }
        return false;
    }

    private static bool PortMatches(IList<V1NetworkPolicyPort>? ports, int port, string protocol)
    {
        if (ports is null || ports.Count == 0) return true;
        foreach (var p in ports)
        {
            if (p.Port is not null && !int.TryParse(p.Port.Value, out _)) throw new NotSupportedException($"named port {p.Port.Value}");
            if ((p.Protocol ?? "TCP") == protocol && (p.Port is null || int.Parse(p.Port.Value, System.Globalization.CultureInfo.InvariantCulture) == port))
                return true;
        }
        return false;
    }

    private static bool Matches(V1LabelSelector selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector.MatchExpressions is { Count: > 0 }) throw new NotSupportedException("matchExpressions are not evaluated");
        return (selector.MatchLabels ?? new Dictionary<string, string>()).All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value);
    }
}
