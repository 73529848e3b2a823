namespace Mx.Tests.Validation;

public sealed class PulumiProgramValidatorSpecs
{
    private const string ValidProgram = """
        name: platform
        runtime: yaml
        config:
          region:
            type: string
            default: europe-west4
          platform:nodeCount: 2
        variables:
          client:
            fn::invoke:
              function: gcp:organizations:getClientConfig
              arguments: {}
          versions:
            fn::invoke:
              function: gcp:container/getEngineVersions:getEngineVersions
              arguments:
                location: ${region}
              return: latestMasterVersion
        resources:
          cluster:
            type: gcp:container/cluster:Cluster
            properties:
              location: ${region}
              project: ${client.project}
              minMasterVersion: ${versions}
              removeDefaultNodePool: true
              initialNodeCount: 1
              privateClusterConfig:
                enablePrivateNodes: true
                masterIpv4CidrBlock: 172.16.0.0/28
              workloadIdentityConfig:
                workloadPool: ${client.project}.svc.id.goog
              resourceLabels:
                stack: ${pulumi.stack}
            options:
              protect: true
              ignoreChanges: [nodeConfig]
          gpus:
            type: gcp:container/nodePool:NodePool
            properties:
              cluster: ${cluster.name}
              location: ${cluster.location}
              nodeCount: ${nodeCount}
              nodeConfig:
                guestAccelerators:
                  - type: nvidia-l4
                    count: 1
                    gpuDriverInstallationConfig:
                      gpuDriverVersion: LATEST
          artifacts:
            type: gcp:storage:Bucket
            properties:
              location: EU
              uniformBucketLevelAccess: true
          images:
            type: gcp:artifactregistry/repository:Repository
            properties:
              location: ${region}
              repositoryId: images
              format: DOCKER
          runner:
            type: gcp:serviceaccount/account:Account
            properties:
              accountId: runner
          runnerPush:
            type: gcp:artifactregistry/repositoryIamMember:RepositoryIamMember
            properties:
              location: ${images.location}
              repository: ${images.name}
              role: roles/artifactregistry.writer
              member: serviceAccount:${runner.email}
          runnerWorkload:
            type: gcp:serviceaccount/iAMMember:IAMMember
            properties:
              serviceAccountId: ${runner.name}
              role: roles/iam.workloadIdentityUser
              member: serviceAccount:${client.project}.svc.id.goog[ci/runner]
          shared:
            type: pulumi:pulumi:StackReference
            properties:
              name: acme/network/${pulumi.stack}
          k8s:
            type: pulumi:providers:kubernetes
            properties:
              kubeconfig: ${shared.outputs["kubeconfig"]}
          apps:
            type: kubernetes:core/v1:Namespace
            properties:
              metadata:
                name: apps
            options:
              provider: ${k8s}
              dependsOn:
                - ${gpus}
          manifests:
            type: kubernetes:kustomize/v2:Directory
            properties:
              directory: ./k8s
              namespace: ${apps.metadata.name}
            options:
              provider: ${k8s}
        outputs:
          endpoint: https://${cluster.endpoint}
          bucket: ${artifacts["url"]}
          firstPool: ${cluster.nodePools[0].name}
          literal: $${notAReference}
          id: ${cluster.id}
        """;

    [Fact]
    public void The_index_is_built_from_gcp_9_and_kubernetes_4()
    {
        var versions = PulumiSchemaIndex.Shared.PackageVersions;

        Assert.StartsWith("9.", versions["@pulumi/gcp"]);
        Assert.StartsWith("4.", versions["@pulumi/kubernetes"]);
    }

    [Fact]
    public void A_valid_program_has_no_problems()
    {
        Assert.Empty(PulumiProgramValidator.Validate(ValidProgram));
    }

    [Fact]
    public void An_unknown_resource_type_is_reported()
    {
        var problems = Validate("""
            bucket:
              type: gcp:storage/bucket:Bukket
              properties:
                location: EU
            """);

        Assert.Contains(problems, p => p.StartsWith("resources.bucket.type: unknown resource type 'gcp:storage/bucket:Bukket'"));
    }

    [Fact]
    public void A_resource_type_pulumi_yaml_rejects_is_reported()
    {
        var problems = Validate("""
            chart:
              type: kubernetes:helm.sh/v3:Chart
              properties:
                chart: nginx
            """);

        Assert.Contains(problems, p => p.StartsWith("resources.chart.type: unknown resource type"));
    }

    [Fact]
    public void An_unknown_property_is_reported()
    {
        var problems = Validate("""
            bucket:
              type: gcp:storage/bucket:Bucket
              properties:
                location: EU
                uniformBucketAccess: true
            """);

        Assert.Equal(["resources.bucket.properties.uniformBucketAccess: unknown property of gcp:storage/bucket:Bucket"], problems);
    }

    [Fact]
    public void A_missing_required_property_is_reported()
    {
        var problems = Validate("""
            images:
              type: gcp:artifactregistry/repository:Repository
              properties:
                location: europe-west4
                format: DOCKER
            """);

        Assert.Equal(["resources.images.properties: missing required property 'repositoryId' of gcp:artifactregistry/repository:Repository"], problems);
    }

    [Fact]
    public void An_unknown_property_of_a_nested_object_and_of_an_object_in_a_list_is_reported()
    {
        var problems = Validate("""
            gpus:
              type: gcp:container/nodePool:NodePool
              properties:
                cluster: demo
                nodeConfig:
                  machineType: g2-standard-8
                  guestAccelerators:
                    - type: nvidia-l4
                      count: 1
                      gpuDriverInstallationConfig:
                        driverVersion: LATEST
                  workloadMetadata:
                    mode: GKE_METADATA
            """);

        Assert.Equal(
        [
            "resources.gpus.properties.nodeConfig.guestAccelerators[0].gpuDriverInstallationConfig.driverVersion: unknown property of gcp:container.NodePoolNodeConfigGuestAcceleratorGpuDriverInstallationConfig",
            "resources.gpus.properties.nodeConfig.guestAccelerators[0].gpuDriverInstallationConfig: missing required property 'gpuDriverVersion' of gcp:container.NodePoolNodeConfigGuestAcceleratorGpuDriverInstallationConfig",
            "resources.gpus.properties.nodeConfig.workloadMetadata: unknown property of gcp:container.NodePoolNodeConfig",
        ], problems);
    }

    [Fact]
    public void A_missing_required_property_of_a_nested_object_is_reported()
    {
        var problems = Validate("""
            database:
              type: gcp:sql/databaseInstance:DatabaseInstance
              properties:
                databaseVersion: POSTGRES_16
                settings:
                  edition: ENTERPRISE
            """);

        Assert.Equal(["resources.database.properties.settings: missing required property 'tier' of gcp:sql.DatabaseInstanceSettings"], problems);
    }

    [Fact]
    public void Nested_values_computed_by_an_expression_or_a_builtin_are_left_to_pulumi()
    {
        var problems = Validate("""
            database:
              type: gcp:sql/databaseInstance:DatabaseInstance
              properties:
                databaseVersion: POSTGRES_16
                settings:
                  fn::secret:
                    tier: db-custom-1-3840
            bucket:
              type: gcp:storage/bucket:Bucket
              properties:
                location: EU
                versioning: ${database.settings}
            """);

        Assert.Empty(problems);
    }

    [Fact]
    public void An_unknown_resource_option_is_reported()
    {
        var problems = Validate("""
            bucket:
              type: gcp:storage/bucket:Bucket
              properties:
                location: EU
              options:
                dependOn: []
            """);

        Assert.Single(problems, p => p.StartsWith("resources.bucket.options.dependOn: unknown resource option"));
    }

    [Fact]
    public void An_unknown_key_in_a_resource_definition_is_reported()
    {
        var problems = Validate("""
            apps:
              type: kubernetes:core/v1:Namespace
              metadata:
                name: apps
            """);

        Assert.Single(problems, p => p.StartsWith("resources.apps.metadata: unknown resource key"));
    }

    [Fact]
    public void A_reference_to_an_undeclared_name_is_reported()
    {
        var problems = Validate("""
            bucket:
              type: gcp:storage/bucket:Bucket
              properties:
                location: ${regoin}
            """);

        Assert.Equal(["resources.bucket.properties.location: ${regoin} refers to 'regoin', which is no resource, variable or config key"], problems);
    }

    [Fact]
    public void A_reference_to_a_missing_output_is_reported()
    {
        var problems = Validate("""
            cluster:
              type: gcp:container/cluster:Cluster
              properties:
                location: europe-west4
            manifests:
              type: kubernetes:kustomize/v2:Directory
              properties:
                directory: ${cluster.endpointUrl}
            """);

        Assert.Equal(["resources.manifests.properties.directory: ${cluster.endpointUrl} reads 'endpointUrl', which is not an output of gcp:container/cluster:Cluster"], problems);
    }

    [Fact]
    public void An_unknown_pulumi_builtin_is_reported()
    {
        var problems = Validate("""
            bucket:
              type: gcp:storage/bucket:Bucket
              properties:
                location: EU
                name: ${pulumi.stackName}-artifacts
            """);

        Assert.Single(problems, p => p.StartsWith("resources.bucket.properties.name: ${pulumi.stackName} is not a pulumi builtin"));
    }

    [Fact]
    public void An_unterminated_interpolation_is_reported()
    {
        var problems = Validate("""
            bucket:
              type: gcp:storage/bucket:Bucket
              properties:
                location: ${region
            """, configKeys: ["region"]);

        Assert.Equal(["resources.bucket.properties.location: unterminated interpolation in '${region'"], problems);
    }

    [Fact]
    public void An_unknown_function_is_reported()
    {
        var problems = PulumiProgramValidator.Validate("""
            variables:
              client:
                fn::invoke:
                  function: gcp:organizations:getClientConfiguration
            """);

        Assert.Single(problems, p => p.StartsWith("variables.client.fn::invoke: unknown function 'gcp:organizations:getClientConfiguration'"));
    }

    [Fact]
    public void An_unknown_function_argument_or_result_is_reported()
    {
        var problems = PulumiProgramValidator.Validate("""
            variables:
              project:
                fn::invoke:
                  function: gcp:organizations:getProject
                  arguments:
                    project: acme
                  return: projectNumber
            """);

        Assert.Equal(
            [
                "variables.project.fn::invoke.arguments.project: unknown argument of gcp:organizations/getProject:getProject",
                "variables.project.fn::invoke.return: 'projectNumber' is not a result of gcp:organizations/getProject:getProject",
            ],
            problems);
    }

    [Fact]
    public void Namespaced_config_keys_resolve_only_when_the_stack_has_them()
    {
        const string resources = """
            bucket:
              type: gcp:storage/bucket:Bucket
              properties:
                location: EU
                project: ${gcp:project}
            """;

        Assert.Empty(Validate(resources, configKeys: ["gcp:project"]));
        Assert.Single(Validate(resources));
    }

    [Fact]
    public void A_project_namespaced_config_key_resolves_to_the_plain_key()
    {
        var problems = PulumiProgramValidator.Validate("""
            name: shop
            runtime: yaml
            config:
              shop:region: europe-west4
            resources:
              bucket:
                type: gcp:storage/bucket:Bucket
                properties:
                  location: ${region}
                  name: ${shop:region}-artifacts
            """);

        Assert.Empty(problems);
    }

    [Fact]
    public void Short_tokens_resolve_as_pulumi_yaml_does()
    {
        Assert.Equal("gcp:storage/bucket:Bucket", PulumiSchemaIndex.Shared.FindResource("gcp:storage:Bucket")?.Token);
        Assert.Equal("gcp:projects/iAMMember:IAMMember", PulumiSchemaIndex.Shared.FindResource("gcp:projects:IAMMember")?.Token);
        Assert.Equal(
            "gcp:organizations/getClientConfig:getClientConfig",
            PulumiSchemaIndex.Shared.FindFunction("gcp:organizations:getClientConfig")?.Token);
        Assert.Null(PulumiSchemaIndex.Shared.FindResource("gcp:storage:Buckets"));
    }

    private static IReadOnlyList<string> Validate(string resources, IEnumerable<string>? configKeys = null) =>
        PulumiProgramValidator.Validate("resources:\n" + Indent(resources), configKeys);

    private static string Indent(string text) =>
        string.Join('\n', text.Split('\n').Select(line => "  " + line));
}
