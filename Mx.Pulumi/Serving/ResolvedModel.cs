namespace Mx.Pulumi.Serving;

/// <summary>
/// A model as the tracking server knows it: where MLflow keeps its directory (<paramref name="ArtifactUri"/>, usually an
/// <c>mlflow-artifacts:/</c> URI the server proxies) and the same directory in the artifacts bucket, which KServe's
/// storage initializer downloads (<paramref name="StorageUri"/>).
/// </summary>
public sealed record ResolvedModel(ModelSource Source, string ArtifactUri, string StorageUri);
