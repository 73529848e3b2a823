using System.Text;
using Mx.Generators.Yaml;

namespace Mx.Generators.BuiltIn.Queues;

/// <summary>
/// The queue teams' Google identities in the skeleton's cluster program, as a structured edit: per team a GCP service
/// account that its namespace's <c>training</c> Kubernetes service account acts as through workload identity, with
/// the training service account's access (read the data bucket, read and write the artifacts bucket's checkpoints);
/// per member the IAM roles that let them reach the cluster and push the images they run, while what they may do
/// inside it is the team namespace's RBAC.
/// </summary>
internal static class TeamAccounts
{
    /// <summary>Program resource names of team resources start with this, which neither the skeleton's nor the pools' do.</summary>
    public const string ResourcePrefix = "queueTeam";

    /// <summary>The Kubernetes service account team jobs run as: the job template's, so one template serves every namespace.</summary>
    public const string KubernetesServiceAccount = "training";

    public static FileEdit Edit(Answers answers)
    {
        var resources = Resources(answers);
        // The teams' resources are mx's: a removed team or member loses theirs.
        return ClusterProgramFragment.Edit(resources.Count == 0 ? "remove the queue teams' accounts" : "add the queue teams' accounts", IsTeams, resources);
    }

    /// <summary>The resources the teams of the answers need, by program resource name, in the order they are written.</summary>
    internal static IReadOnlyList<(string Name, YamlTree Resource)> Resources(Answers answers)
    {
        var project = answers.GetString("project_name");
        var gcpProject = answers.GetString("gcp_project");
        var artifacts = $"projects/_/buckets/{gcpProject}-{project}-artifacts";
        var resources = new List<(string, YamlTree)>();
        foreach (var team in GpuQueues.Teams(answers))
        {
            var account = AccountResource(team.Name);
            var sa = YamlTree.Map(
                ("type", S("gcp:serviceaccount:Account")),
                ("properties", YamlTree.Map(
                    ("accountId", S(QueueTeam.AccountId(project, team.Name))),
                    ("displayName", S($"{project} team {team.Name} jobs")))),
                ("options", YamlTree.Map(("dependsOn", YamlTree.List(S("${iamApi}"))))));
            sa.CommentsBefore.Add($"Queue team {team.Name} (added by GpuQueues): its jobs in namespace {team.Namespace} act as this account, with the training jobs' access.");
            resources.Add((account, sa));
            resources.Add(($"{account}-data", YamlTree.Map(
                ("type", S("gcp:storage:BucketIAMMember")),
                ("properties", YamlTree.Map(
                    ("bucket", S("${dataBucket.name}")),
                    ("role", S("roles/storage.objectViewer")),
                    ("member", S($"serviceAccount:${{{account}.email}}")))))));
            resources.Add(($"{account}-checkpoints", YamlTree.Map(
                ("type", S("gcp:storage:BucketIAMMember")),
                ("properties", YamlTree.Map(
                    ("bucket", S("${artifactsBucket.name}")),
                    ("role", S("roles/storage.objectUser")),
                    ("member", S($"serviceAccount:${{{account}.email}}")),
                    ("condition", YamlTree.Map(
                        ("title", S("checkpoints-only")),
                        ("description", S($"Team {team.Name}'s jobs read and write their checkpoints and nothing else of the artifacts bucket.")),
                        ("expression", S($"resource.name == \"{artifacts}\" || resource.name.startsWith(\"{artifacts}/objects/checkpoints/\")")))))))));
            resources.Add(($"{account}-workloadIdentity", YamlTree.Map(
                ("type", S("gcp:serviceaccount:IAMMember")),
                ("properties", YamlTree.Map(
                    ("serviceAccountId", S($"${{{account}.name}}")),
                    ("role", S("roles/iam.workloadIdentityUser")),
                    ("member", S($"serviceAccount:{gcpProject}.svc.id.goog[{team.Namespace}/{KubernetesServiceAccount}]")))),
                ("options", YamlTree.Map(("dependsOn", YamlTree.List(S("${cluster}"))))))));
            // A member belongs to one team (GpuQueues refuses more), so each member's bindings are written once, with
            // their team's: a team added later comes after every earlier one, in a fresh render and an edit alike.
            foreach (var member in team.Members)
            {
                var name = $"{ResourcePrefix}Member-{Slug(member)}";
                var cluster = YamlTree.Map(
                    ("type", S("gcp:projects:IAMMember")),
                    ("properties", YamlTree.Map(
                        ("project", S(gcpProject)),
                        ("role", S("roles/container.clusterViewer")),
                        ("member", S($"user:{member}")))));
                cluster.CommentsBefore.Add($"{member} (team {team.Name}): reaches the cluster and pushes images; RBAC limits them to {team.Namespace}.");
                resources.Add(($"{name}-cluster", cluster));
                resources.Add(($"{name}-images", YamlTree.Map(
                    ("type", S("gcp:artifactregistry:RepositoryIamMember")),
                    ("properties", YamlTree.Map(
                        ("location", S(answers.GetString("region"))),
                        ("repository", S("${imagesRepository.name}")),
                        ("role", S("roles/artifactregistry.writer")),
                        ("member", S($"user:{member}")))))));
            }
        }
        return resources;
    }

    internal static string AccountResource(string team) => $"{ResourcePrefix}-{team}";

    // A program resource name from an email: ada.l@acme.ai is ada-l-acme-ai.
    private static string Slug(string email)
    {
        var slug = new StringBuilder(email.Length);
        foreach (var c in email.ToLowerInvariant())
            slug.Append(c is (>= 'a' and <= 'z') or (>= '0' and <= '9') ? c : '-');
        return slug.ToString();
    }

    private static bool IsTeams(string name) =>
        name.StartsWith(ResourcePrefix + "-", StringComparison.Ordinal) || name.StartsWith(ResourcePrefix + "Member-", StringComparison.Ordinal);

    private static YamlScalar S(string value) => YamlTree.Scalar(value);
}
