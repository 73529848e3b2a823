using System.Text.RegularExpressions;
using Mx.Generators;

namespace Acme.Mx.Generators;

/// <summary>
/// Adds an Apache Beam ETL pipeline that runs on Dataflow: the Python job, a Pulumi program for its worker
/// service account and temp bucket, and docs. It builds on MLProjectSkeleton and reuses its answers
/// (project, region, buckets), so it asks only about the pipeline itself.
/// </summary>
public sealed partial class DataflowPipeline() : TemplateGenerator(typeof(DataflowPipeline).Assembly, "DataflowPipeline")
{
    public override string Name => "DataflowPipeline";
    public override string Summary => "An Apache Beam ETL pipeline on Dataflow that turns raw data in the data bucket into training data.";
    public override string Version => "1.0.0";
    public override IReadOnlyList<string> Requires => ["MLProjectSkeleton"];

    public override IReadOnlyList<Parameter> Parameters { get; } =
    [
        new("pipeline_name", ParameterType.String, "Name of the pipeline (names its folder, job and resources)")
        {
            Default = _ => "etl",
            Validate = (value, _) => NamePattern().IsMatch((string)value) ? null : "use 2 to 15 lowercase letters, digits and '-', starting with a letter.",
            ValidationDescription = "2-15 characters: lowercase letters, digits, '-'",
        },
        new("dataflow_max_workers", ParameterType.Integer, "Most Dataflow workers the job may scale to")
        {
            Default = _ => 4L,
            Validate = Validators.Between(1, 100),
            ValidationDescription = "1-100",
        },
        new("dataflow_machine_type", ParameterType.String, "Machine type of the Dataflow workers")
        {
            Default = _ => "n2-standard-4",
            Validate = (value, _) => MachineTypePattern().IsMatch((string)value) ? null : "must be a Compute Engine machine type such as n2-standard-4.",
            ValidationDescription = "a Compute Engine machine type",
        },
    ];

    protected override IReadOnlyDictionary<string, object?> Model(GeneratorContext context)
    {
        var answers = context.Answers;
        var project = answers.GetString("project_name");
        var gcpProject = answers.GetString("gcp_project");
        var pipeline = answers.GetString("pipeline_name");
        return new Dictionary<string, object?>
        {
            ["project_name"] = project,
            ["gcp_project"] = gcpProject,
            ["region"] = answers.GetString("region"),
            ["pipeline_name"] = pipeline,
            ["max_workers"] = answers.GetInt("dataflow_max_workers"),
            ["machine_type"] = answers.GetString("dataflow_machine_type"),
            // The same names MLProjectSkeleton gave these buckets.
            ["data_bucket"] = $"{gcpProject}-{project}-data",
            // Bucket names are global and service-account ids at most 30 characters: both are kept short and unique per pipeline.
            ["temp_bucket"] = $"{gcpProject}-{pipeline}-df-tmp",
            ["worker_sa"] = $"{pipeline}-dataflow",
            // The VPC MLProjectSkeleton creates, named after the project.
            ["network"] = project,
            ["engineer_accounts"] = EngineerAccounts(answers.TryGetValue("engineers", out var engineers) && engineers is IReadOnlyList<string> list ? list : []),
        };
    }

    // Resource names from the address's local part; the whole address when two engineers share one.
    private static Dictionary<string, object?>[] EngineerAccounts(IReadOnlyList<string> emails)
    {
        static string Id(string text) => NonName().Replace(text.ToLowerInvariant(), "-").Trim('-');
        return emails.Select(email => new Dictionary<string, object?>
        {
            ["email"] = email,
            ["id"] = emails.Count(e => Id(e.Split('@')[0]) == Id(email.Split('@')[0])) > 1 ? Id(email) : Id(email.Split('@')[0]),
        }).ToArray();
    }

    [GeneratedRegex("^[a-z][a-z0-9-]{0,13}[a-z0-9]$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z][a-z0-9]*-[a-z0-9-]+$")]
    private static partial Regex MachineTypePattern();

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonName();
}
