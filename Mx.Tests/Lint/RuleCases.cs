namespace Mx.Tests.Lint;

/// <summary>For every rule, a small project that breaks it and one that keeps it (other rules may fire in either).</summary>
internal static class RuleCases
{
    public sealed record Case(string RuleId, (string Path, string Content)[] Bad, (string Path, string Content)[] Good, string? Tools = null);

    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          labels:
            app.kubernetes.io/name: api
            app.kubernetes.io/part-of: acme
        spec:
          template:
            spec:
              securityContext:
                runAsNonRoot: true
                runAsUser: 10001
              containers:
                - name: api
                  image: acme/api:1.4.2
                  resources:
                    requests: {cpu: 250m, memory: 512Mi}
                    limits: {cpu: "1", memory: 1Gi}
        """;

    private const string FuseDeployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: api
          labels:
            app.kubernetes.io/name: api
            app.kubernetes.io/part-of: acme
        spec:
          template:
            metadata:
              annotations:
                gke-gcsfuse/volumes: "true"
                gke-gcsfuse/memory-request: 64Mi
                gke-gcsfuse/memory-limit: 256Mi
            spec:
              securityContext:
                runAsNonRoot: true
                runAsUser: 10001
              containers:
                - name: api
                  image: acme/api:1.4.2
                  resources:
                    requests: {cpu: 250m, memory: 512Mi}
                    limits: {cpu: "1", memory: 1Gi}
              volumes:
                - name: data
                  csi: {driver: gcsfuse.csi.storage.gke.io, readOnly: true, volumeAttributes: {bucketName: acme-data}}
        """;

    private const string GpuJob = """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: train
          namespace: training
          labels:
            app.kubernetes.io/name: train
            app.kubernetes.io/part-of: acme
        spec:
          template:
            spec:
              nodeSelector:
                cloud.google.com/gke-accelerator: nvidia-l4
              tolerations:
                - {key: nvidia.com/gpu, operator: Exists, effect: NoSchedule}
              containers:
                - name: trainer
                  image: europe-west4-docker.pkg.dev/acme-prod/acme-images/trainer:3f9c2e1
                  resources:
                    requests: {cpu: "2", memory: 8Gi, nvidia.com/gpu: 1}
                    limits: {cpu: "4", memory: 16Gi, nvidia.com/gpu: 1}
        """;

    private const string AppRoute = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: demo
          namespace: apps
        spec:
          parentRefs:
            - {name: mx-gateway, namespace: gateway, sectionName: https}
          hostnames: [demo.acme-vision.acme.ai]
          rules:
            - backendRefs: [{name: demo, port: 8501}]
        """;

    private const string AppIap = """
        apiVersion: networking.gke.io/v1
        kind: GCPBackendPolicy
        metadata:
          name: demo
          namespace: apps
        spec:
          default:
            iap: {enabled: true}
          targetRef: {group: "", kind: Service, name: demo}
        """;

    private const string Certificate = """
        resources:
          gatewayCertificate:
            type: gcp:certificatemanager:Certificate
            properties:
              name: acme-vision-gateway
              managed:
                domains: ["*.acme-vision.acme.ai"]
                dnsAuthorizations: ["${gatewayDnsAuthorization.id}"]
        """;

    private const string PyTorchJob = """
        apiVersion: kubeflow.org/v1
        kind: PyTorchJob
        metadata:
          name: ddp
        spec:
          pytorchReplicaSpecs:
            Worker:
              replicas: 2
              template:
                spec:
                  containers:
                    - name: pytorch
                      image: acme/trainer:1.0.0
                      volumeMounts: [{name: dshm, mountPath: /dev/shm}]
                  volumes:
                    - name: dshm
                      emptyDir: {medium: Memory}
        """;

    private const string GpuPool = """
        resources:
          gpuPool:
            type: gcp:container:NodePool
            properties:
              autoscaling: {minNodeCount: 0, maxNodeCount: 2}
              nodeConfig:
                guestAccelerators:
                  - {type: nvidia-l4, count: 1}
        """;

    private const string QueuePool = """
        resources:
          queuePool-l4-2:
            type: gcp:container:NodePool
            properties:
              name: queue-l4-2
              autoscaling: {minNodeCount: 0, maxNodeCount: 1}
              nodeConfig:
                labels: {mx.dev/pool: queues, mx.dev/shape: l4-2}
                guestAccelerators:
                  - {type: nvidia-l4, count: 2}
        """;

    private const string Exporter = """
        apiVersion: apps/v1
        kind: DaemonSet
        metadata:
          name: dcgm-exporter
          namespace: monitoring
          labels: {app.kubernetes.io/name: dcgm-exporter, app.kubernetes.io/part-of: acme}
        spec:
          selector:
            matchLabels: {app.kubernetes.io/name: dcgm-exporter}
          template:
            metadata:
              labels: {app.kubernetes.io/name: dcgm-exporter}
            spec:
              automountServiceAccountToken: false
              securityContext: {runAsNonRoot: true, runAsUser: 10001, seccompProfile: {type: RuntimeDefault}}
              containers:
                - name: exporter
                  image: nvcr.io/nvidia/k8s/dcgm-exporter:4.5.3-4.8.2-distroless@sha256:60d3b00ac80b4ae77f94dae2f943685605585ad9e92fdccda3154d009ae317cc
                  resources:
                    requests: {cpu: 100m, memory: 256Mi}
                    limits: {cpu: 500m, memory: 512Mi}
                  securityContext: {allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: {drop: [ALL]}}
        """;

    private const string Monitor = """
        apiVersion: monitoring.googleapis.com/v1
        kind: ClusterPodMonitoring
        metadata:
          name: dcgm-exporter
          labels: {app.kubernetes.io/name: dcgm-exporter, app.kubernetes.io/part-of: acme}
        spec:
          selector:
            matchLabels:
              app.kubernetes.io/name: dcgm-exporter
          endpoints:
            - port: metrics
        """;

    private const string QueueFlavor = """
        apiVersion: kueue.x-k8s.io/v1beta2
        kind: ResourceFlavor
        metadata:
          name: l4-2
          labels: {app.kubernetes.io/name: gpu-queues, app.kubernetes.io/part-of: acme}
        spec:
          nodeLabels:
            mx.dev/shape: l4-2
        """;

    private const string QueueCluster = """
        apiVersion: kueue.x-k8s.io/v1beta2
        kind: ClusterQueue
        metadata:
          name: l4-2
        spec:
          resourceGroups:
            - coveredResources: ["nvidia.com/gpu"]
              flavors:
                - name: l4-2
                  resources:
                    - name: nvidia.com/gpu
                      nominalQuota: 2
        """;

    private const string QueueLocal = """
        apiVersion: kueue.x-k8s.io/v1beta2
        kind: LocalQueue
        metadata:
          name: l4-2
          namespace: training
        spec:
          clusterQueue: l4-2
        """;

    private const string Cluster = """
        resources:
          cluster:
            type: gcp:container:Cluster
            properties:
              location: europe-west4-a
              privateClusterConfig: {enablePrivateNodes: true, masterIpv4CidrBlock: 172.16.0.0/28}
              workloadIdentityConfig: {workloadPool: acme-prod.svc.id.goog}
              resourceLabels: {project: acme}
        """;

    internal const string Database = """
        resources:
          database:
            type: gcp:sql:DatabaseInstance
            properties:
              databaseVersion: POSTGRES_16
              settings:
                tier: db-custom-1-3840
                ipConfiguration:
                  ipv4Enabled: false
                  privateNetwork: ${network.id}
                  sslMode: TRUSTED_CLIENT_CERTIFICATE_REQUIRED
                userLabels: {project: acme}
        """;

    private const string Bucket = """
        resources:
          dataBucket:
            type: gcp:storage:Bucket
            properties:
              location: EU
              uniformBucketLevelAccess: true
              publicAccessPrevention: enforced
              labels: {project: acme}
        """;

    private const string Dockerfile = """
        FROM python:3.11.10-slim
        RUN apt-get update && apt-get install -y --no-install-recommends git \
            && rm -rf /var/lib/apt/lists/*
        COPY app.py /app/
        USER 10001:10001
        CMD ["python", "/app/app.py"]
        """;

    private const string InferenceService = """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata:
          name: classifier
          namespace: serving
          labels:
            app.kubernetes.io/name: classifier
            app.kubernetes.io/part-of: acme
        spec:
          predictor:
            minReplicas: 1
            maxReplicas: 2
            model:
              modelFormat: {name: mlflow}
              protocolVersion: v2
              storageUri: gs://acme-artifacts/mlflow/1/models/m-1/artifacts
              resources:
                requests: {cpu: "1", memory: 2Gi}
                limits: {cpu: "2", memory: 4Gi}
        """;

    private static (string, string)[] K8s(string yaml) => [("k8s/object.yaml", yaml)];
    private static (string, string)[] WithState(params (string, string)[] files) => [(".mx/state.yaml", LintProject.State), .. files];

    public static readonly Case[] All =
    [
        new("MX1101", K8s(Deployment.Replace("acme/api:1.4.2", "acme/api:latest")), K8s(Deployment.Replace("acme/api:1.4.2", "acme/api@sha256:0123"))),
        new("MX1102", K8s(Deployment[..Deployment.IndexOf("          resources:", StringComparison.Ordinal)]), K8s(Deployment)),
        new("MX1103", K8s(GpuJob.Replace("      nodeSelector:\n        cloud.google.com/gke-accelerator: nvidia-l4\n", "")), K8s(GpuJob)),
        new("MX1104", K8s(Deployment.Replace("      containers:\n        - name: api\n", "      containers:\n        - name: api\n          securityContext: {privileged: true}\n")),
            K8s(Deployment.Replace("kind: Deployment", "kind: DaemonSet").Replace("name: api\n  labels", "name: nvidia-driver-installer\n  labels")
                .Replace("      containers:\n        - name: api\n", "      containers:\n        - name: api\n          securityContext: {privileged: true}\n"))),
        new("MX1105", K8s(Deployment + "\n      volumes:\n        - name: logs\n          hostPath: {path: /var/log}\n"),
            K8s(Deployment + "\n      volumes:\n        - name: logs\n          emptyDir: {}\n")),
        new("MX1106", K8s(Deployment.Replace("      securityContext:\n        runAsNonRoot", "      hostPID: true\n      securityContext:\n        runAsNonRoot")), K8s(Deployment)),
        new("MX1107", K8s(Deployment.Replace("runAsNonRoot: true", "runAsNonRoot: false")), K8s(Deployment)),
        new("MX1108", K8s("apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  type: NodePort\n"),
            K8s("apiVersion: v1\nkind: Service\nmetadata:\n  name: api\nspec:\n  type: ClusterIP\n")),
        new("MX1109", K8s(Deployment.Replace("    app.kubernetes.io/part-of: acme\n", "")), K8s(Deployment)),
        new("MX1110", [("k8s/route.yaml", AppRoute)],
            [("k8s/route.yaml", AppRoute), ("k8s/iap.yaml", AppIap)]),
        new("MX1111", [("k8s/route.yaml", AppRoute.Replace("demo.acme-vision.acme.ai", "demo.eu.acme-vision.acme.ai")), ("k8s/iap.yaml", AppIap), ("pulumi/Main.yaml", Certificate)],
            [("k8s/route.yaml", AppRoute), ("k8s/iap.yaml", AppIap), ("pulumi/Main.yaml", Certificate)]),
        new("MX1112", K8s(FuseDeployment.Replace("        gke-gcsfuse/volumes: \"true\"\n", "")),
            K8s(FuseDeployment)),
        new("MX2101", K8s(PyTorchJob.Replace("volumeMounts: [{name: dshm, mountPath: /dev/shm}]", "volumeMounts: []")), K8s(PyTorchJob)),
        new("MX2102", [("k8s/job.yaml", GpuJob.Replace("nvidia.com/gpu: 1", "nvidia.com/gpu: 2")), ("pulumi/Main.yaml", GpuPool)],
            [("k8s/job.yaml", GpuJob), ("pulumi/Main.yaml", GpuPool)]),
        new("MX2103", K8s(GpuJob.Replace("    app.kubernetes.io/part-of: acme\n", "    app.kubernetes.io/part-of: acme\n    kueue.x-k8s.io/queue-name: gpu\n")),
            [("k8s/job.yaml", GpuJob.Replace("    app.kubernetes.io/part-of: acme\n", "    app.kubernetes.io/part-of: acme\n    kueue.x-k8s.io/queue-name: gpu\n")),
             ("k8s/queue.yaml", "apiVersion: kueue.x-k8s.io/v1beta2\nkind: LocalQueue\nmetadata:\n  name: gpu\n  namespace: training\nspec:\n  clusterQueue: gpu\n---\napiVersion: kueue.x-k8s.io/v1beta2\nkind: ClusterQueue\nmetadata:\n  name: gpu\n")]),
        new("MX2104", K8s(GpuJob.Replace("limits: {cpu: \"4\", memory: 16Gi, nvidia.com/gpu: 1}", "limits: {cpu: \"4\", memory: 16Gi}")), K8s(GpuJob)),
        new("MX2106", [("k8s/flavor.yaml", QueueFlavor.Replace("mx.dev/shape: l4-2", "mx.dev/shape: l4-4")), ("pulumi/Main.yaml", QueuePool)],
            [("k8s/flavor.yaml", QueueFlavor), ("pulumi/Main.yaml", QueuePool)]),
        new("MX2109", [("k8s/exporter.yaml", Exporter), ("k8s/monitor.yaml", Monitor.Replace("name: dcgm-exporter", "name: dcgm"))],
            [("k8s/exporter.yaml", Exporter), ("k8s/monitor.yaml", Monitor)]),
        new("MX2107", [("k8s/flavor.yaml", QueueFlavor), ("k8s/queue.yaml", QueueCluster.Replace("nominalQuota: 2", "nominalQuota: 4")), ("pulumi/Main.yaml", QueuePool)],
            [("k8s/flavor.yaml", QueueFlavor), ("k8s/queue.yaml", QueueCluster), ("pulumi/Main.yaml", QueuePool)]),
        new("MX2108", [("k8s/job.yaml", GpuJob), ("k8s/queue.yaml", QueueLocal)],
            [("k8s/job.yaml", GpuJob.Replace("    app.kubernetes.io/part-of: acme\n", "    app.kubernetes.io/part-of: acme\n    kueue.x-k8s.io/queue-name: l4-2\n")), ("k8s/queue.yaml", QueueLocal)]),
        new("MX2110", K8s(GpuJob.Replace("    app.kubernetes.io/part-of: acme\n", "    app.kubernetes.io/part-of: acme\n  annotations:\n    mx.dev/keep-until: \"2026-12-24T18:00:00+01:00\"\n    mx.dev/keep-reason: demo\n")),
            K8s(GpuJob)),
        new("MX2111", K8s(InferenceService.Replace("\n        limits: {cpu: \"2\", memory: 4Gi}", "")), K8s(InferenceService)),
        new("MX2105", WithState(("k8s/job.yaml", GpuJob.Replace("europe-west4-docker.pkg.dev/acme-prod/acme-images/trainer", "docker.io/acme/trainer"))),
            WithState(("k8s/job.yaml", GpuJob))),
        new("MX3101", [("Main.yaml", Cluster.Replace("      privateClusterConfig: {enablePrivateNodes: true, masterIpv4CidrBlock: 172.16.0.0/28}\n", ""))], [("Main.yaml", Cluster)]),
        new("MX3102", [("Main.yaml", Cluster.Replace("      workloadIdentityConfig: {workloadPool: acme-prod.svc.id.goog}\n", ""))], [("Main.yaml", Cluster)]),
        new("MX3103", [("Main.yaml", "resources:\n  key:\n    type: gcp:serviceaccount:Key\n    properties: {serviceAccountId: ci}\n")],
            [("Main.yaml", "resources:\n  ci:\n    type: gcp:serviceaccount:Account\n    properties: {accountId: ci}\n")]),
        new("MX3104", [("Main.yaml", Bucket.Replace("      publicAccessPrevention: enforced\n", ""))], [("Main.yaml", Bucket)]),
        new("MX3105", [("Main.yaml", GpuPool.Replace("minNodeCount: 0", "minNodeCount: 1"))], [("Main.yaml", GpuPool)]),
        new("MX3106", [("Main.yaml", Bucket.Replace("dataBucket", "stateBucket"))],
            [("Main.yaml", Bucket.Replace("dataBucket", "stateBucket") + "      versioning: {enabled: true}\n    options:\n      protect: true\n")]),
        new("MX3107", [("Main.yaml", Bucket.Replace("labels: {project: acme}", "versioning: {enabled: false}"))], [("Main.yaml", Bucket)]),
        new("MX3108", [("Pulumi.dev.yaml", "config:\n  acme:apiKey: abc123\n")], [("Pulumi.dev.yaml", "config:\n  acme:apiKey:\n    secure: AAABAKz0bm90IHJlYWw=\n  acme:tokenizersParallelism: 4\n")]),
        new("MX3109", [("Main.yaml", Database.Replace("          ipv4Enabled: false\n", ""))], [("Main.yaml", Database)]),
        new("MX4101", [("Dockerfile", Dockerfile.Replace("python:3.11.10-slim", "python"))],
            [("Dockerfile", "FROM python:3.11.10-slim AS build\nRUN echo hi\nFROM build\nUSER 10001\n")]),
        new("MX4102", [("Dockerfile", Dockerfile.Replace("USER 10001:10001", "USER root"))], [("Dockerfile", Dockerfile)]),
        new("MX4103", [("Dockerfile", Dockerfile.Replace("COPY app.py /app/", "ADD https://example.com/app.py /app/"))], [("Dockerfile", Dockerfile)]),
        new("MX4104", [("Dockerfile", Dockerfile.Replace(" \\\n    && rm -rf /var/lib/apt/lists/*", ""))], [("Dockerfile", Dockerfile)]),
        new("MX4105", [("Dockerfile", Dockerfile.Replace("USER", "ENV DB_PASSWORD=hunter2\nUSER"))], [("Dockerfile", Dockerfile.Replace("USER", "ENV TOKENIZERS_PARALLELISM=false\nUSER"))]),
        new("MX5101", [("id_rsa", "-----BEGIN RSA PRIVATE KEY-----\nMIIEfake\n-----END RSA PRIVATE KEY-----\n")], [("id_rsa.pub", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFake acme@ci\n")]),
        new("MX5102", [("sa.json", "{\"type\": \"service_account\", \"private_key_id\": \"1\", \"private_key\": \"x\"}\n")],
            [("client.json", "{\"type\": \"authorized_user\", \"client_id\": \"1\"}\n")]),
        new("MX5103", [("train.py", "HF_TOKEN = \"hf_" + new string('a', 34) + "\"\n")], [("train.py", "HF_TOKEN = os.environ[\"HF_TOKEN\"]\n")]),
        new("MX6101", [(".mx/state.yaml", "schema: 1\nfiles: [oops]\n")], WithState()),
        new("MX6102", [(".mx/state.yaml", LintProject.State.Replace("files: {}", "files:\n  gone.txt: sha256:00"))],
            [(".mx/state.yaml", LintProject.State.Replace("files: {}", "files:\n  here.txt: sha256:00")), ("here.txt", "edited\n")]),
        new("MX6103", [(".mx/state.yaml", LintProject.State.Replace("files: {}", "files:\n  job.yaml: sha256:00")), ("job.yaml", "# Managed by mx.\nkind: Job\n")],
            [(".mx/state.yaml", LintProject.State.Replace("files: {}", "files:\n  notes.txt: sha256:00")), ("notes.txt", "my own notes, edited\n")]),
        new("MX7101", [("app.py", "import sys\n")], [("app.py", "import sys\n")], Tools: "app.py:1:1: F401 'sys' imported but unused\n"),
        new("MX7102", [("app.py", "x=1\n")], [("app.py", "x = 1\n")], Tools: "would reformat app.py\n"),
        new("MX9001", K8s(Deployment.Replace("image: acme/api:1.4.2", "image: acme/api  # mx-lint: disable=MX1101")),
            K8s(Deployment.Replace("image: acme/api:1.4.2", "image: acme/api  # mx-lint: disable=MX1101 mirrored upstream, pinned by the proxy"))),
        new("MX9002", K8s(Deployment.Replace("image: acme/api:1.4.2", "image: acme/api:1.4.2  # mx-lint: disable=MX1101 kept from before")),
            K8s(Deployment.Replace("image: acme/api:1.4.2", "image: acme/api  # mx-lint: disable=MX1101 pinned by the proxy"))),
        new("MX9003", K8s(Deployment.Replace("image: acme/api:1.4.2", "image: acme/api  # mx-lint: disable=MX1101 migrating until=2026-01-14")),
            K8s(Deployment.Replace("image: acme/api:1.4.2", "image: acme/api  # mx-lint: disable=MX1101 migrating [until=2026-01-15]"))),
        new("MX9004", K8s("metadata:\n  name: a\n   namespace: b\n"), K8s("metadata:\n  name: a\n  namespace: b\n")),
    ];
}
