using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Mx.Generators.BuiltIn.Queues;

/// <summary>
/// A team of the queues: members who submit jobs in the team's namespace <c>team-&lt;name&gt;</c> through its
/// LocalQueues, and optionally a GPU quota per shape. In state it is one entry of the <c>queue_teams</c> list,
/// <c>vision members=ada@acme.ai|alan@acme.ai quota=l4-2=2|l4-1=1</c> (quota left out when there is none): a list
/// answer's entries are separated by commas, so the fields inside one are separated by spaces and bars.
/// </summary>
internal sealed partial record QueueTeam(string Name, IReadOnlyList<string> Members, IReadOnlyList<(string Shape, int Gpus)> Quota)
{
    public const string NamespacePrefix = "team-";

    /// <summary>The Kubernetes namespace the team's jobs run in.</summary>
    public string Namespace => NamespacePrefix + Name;

    /// <summary>
    /// The team's GCP service account id: the project's name keeps it apart from another project's team of the same
    /// name in one GCP project, and "-t-" from the skeleton's own accounts (<c>&lt;project&gt;-train</c>, ...).
    /// </summary>
    public static string AccountId(string projectName, string team) => $"{projectName}-t-{team}";

    /// <summary>GCP service account ids are 6-30 characters (IAM's <c>accountId</c> rule).</summary>
    public const int MaxAccountId = 30;

    /// <summary>The longest team name the project's name leaves room for in the service account id.</summary>
    public static int MaxNameLength(string projectName) => MaxAccountId - AccountId(projectName, "").Length;

    public string Format()
    {
        var text = new StringBuilder(Name).Append(" members=").Append(string.Join('|', Members));
        if (Quota.Count > 0)
            text.Append(" quota=").Append(string.Join('|', Quota.Select(q => $"{q.Shape}={q.Gpus.ToString(CultureInfo.InvariantCulture)}")));
        return text.ToString();
    }

    /// <summary>The team an entry of <c>queue_teams</c> describes, or what is wrong with its form.</summary>
    public static (QueueTeam? Team, string? Problem) Parse(string entry)
    {
        var fields = entry.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        const string form = "write a team as 'NAME members=a@x|b@x' with an optional ' quota=SHAPE=N|SHAPE=N'";
        if (fields.Length is < 2 or > 3 || !fields[1].StartsWith("members=", StringComparison.Ordinal)
            || (fields.Length == 3 && !fields[2].StartsWith("quota=", StringComparison.Ordinal)))
            return (null, $"'{Answers.Excerpt(entry)}' is not a team: {form}.");
        var members = fields[1]["members=".Length..].Split('|', StringSplitOptions.RemoveEmptyEntries);
        var quota = new List<(string, int)>();
        if (fields.Length == 3)
            foreach (var part in fields[2]["quota=".Length..].Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = part.LastIndexOf('=');
                if (equals <= 0 || !int.TryParse(part.AsSpan(equals + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var gpus))
                    return (null, $"team {fields[0]}: quota '{part}' is not SHAPE=N, a number of GPUs such as l4-2=4.");
                quota.Add((part[..equals], gpus));
            }
        return (new QueueTeam(fields[0], members, quota), null);
    }

    /// <summary>
    /// What is wrong with the team in a project named <paramref name="projectName"/> whose queues are
    /// <paramref name="queues"/>, or null.
    /// </summary>
    public string? Problem(string projectName, IReadOnlyList<(QueueShape Shape, int MaxNodes, bool Spot, bool FlexStart)> queues)
    {
        var max = MaxNameLength(projectName);
        if (!TeamName().IsMatch(Name) || Name.Length > max)
            return $"'{Answers.Excerpt(Name)}' cannot name a team: use lowercase letters, digits and '-', starting with a letter and ending with a " +
                   $"letter or digit, at most {max} characters (it names the namespace {NamespacePrefix}<name> and the GCP service account " +
                   $"{AccountId(projectName, "<name>")}, which may have 30 characters).";
        if (Members.Count == 0)
            return $"team {Name} has no members; give their Google accounts with --members a@x,b@x.";
        foreach (var member in Members)
            if (!MemberPattern().IsMatch(member))
                return $"team {Name}: '{Answers.Excerpt(member)}' is not an email address; give members' Google accounts, such as ada@acme.ai.";
        if (Members.GroupBy(m => m, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return $"team {Name}: {twice.Key} is given twice; name each member once.";
        var gpuShapes = queues.Where(q => q.Shape.IsGpu).ToArray();
        var shapeList = gpuShapes.Length == 0 ? "none" : string.Join(", ", gpuShapes.Select(q => q.Shape.Name));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (shape, gpus) in Quota)
        {
            if (shape == QueueShape.Cpu)
                return $"team {Name}: a quota counts GPUs, and cpu has none; name GPU shapes only (the GPU shapes are {shapeList}).";
            if (!gpuShapes.Any(q => q.Shape.Name == shape))
                return $"team {Name}: '{shape}' is not one of the queue shapes; the GPU shapes are {shapeList}. To change a team's quota, " +
                       $"'mx team remove {Name}' and add it again.";
            if (!seen.Add(shape))
                return $"team {Name}: the quota of {shape} is given twice; give it once.";
            var (queue, maxNodes, _, _) = gpuShapes.First(q => q.Shape.Name == shape);
            var capacity = maxNodes * queue.Gpus;
            if (gpus < 1 || gpus > capacity)
                return $"team {Name}: a quota of {gpus} GPUs of {shape} is more than its pool holds ({maxNodes} nodes x {queue.Gpus} GPUs = {capacity}); " +
                       $"give 1-{capacity}, or let the pool grow with 'mx generate GpuQueues --queue-max-nodes {shape}=N'.";
        }
        return null;
    }

    /// <summary>
    /// The GPUs the team's pods may request at once: its quotas summed, or without quotas everything the GPU pools
    /// can hold, so the namespace is still bounded by what exists.
    /// </summary>
    public int GpuLimit(IReadOnlyList<(QueueShape Shape, int MaxNodes, bool Spot, bool FlexStart)> queues) =>
        Quota.Count > 0 ? Quota.Sum(q => q.Gpus) : queues.Where(q => q.Shape.IsGpu).Sum(q => q.MaxNodes * q.Shape.Gpus);

    // A DNS-1123 label (the namespace) that starts with a letter (the service account id must).
    [GeneratedRegex("^[a-z]([a-z0-9-]*[a-z0-9])?\\z")]
    private static partial Regex TeamName();

    // The skeleton's email rule, less the separators of the encoding.
    [GeneratedRegex(@"^[^@\s,|=]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\z")]
    private static partial Regex MemberPattern();
}
