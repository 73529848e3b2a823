using Mx.Generators.Yaml;

namespace Mx.Generators.BuiltIn.Gateway;

/// <summary>
/// The identity programs use to call the apps through Identity-Aware Proxy: a service account that IAP lets in and
/// that may do nothing else, as which the allowed members may sign JWTs (<c>mx token NAME</c>). IAP's Google-managed
/// OAuth client admits no OAuth token a program holds, but a JWT signed by a service account IAP lets in, with the
/// app's URL as its audience, involves no OAuth client at all.
/// </summary>
internal static class IapCaller
{
    private const string ResourceName = GatewayCloud.Prefix + "Caller";

    /// <summary>The caller's account id: at most 27 characters, since project names have at most 20.</summary>
    public static string AccountId(Answers answers) => $"{answers.GetString("project_name")}-caller";

    public static string Email(Answers answers) => $"{AccountId(answers)}@{answers.GetString("gcp_project")}.iam.gserviceaccount.com";

    /// <summary>The role that carries <c>iam.serviceAccounts.signJwt</c>, which <c>mx token</c> needs on the caller.</summary>
    public const string SignerRole = "roles/iam.serviceAccountTokenCreator";

    /// <summary>The cluster program resources, by name: the account, its way through IAP, and one signer grant per member.</summary>
    internal static IReadOnlyDictionary<string, YamlTree> Resources(Answers answers)
    {
        var account = YamlTree.Map(
            ("type", S("gcp:serviceaccount:Account")),
            ("properties", YamlTree.Map(
                ("accountId", S(AccountId(answers))),
                ("displayName", S($"{answers.GetString("project_name")} programs calling the apps through IAP (mx token)")))),
            ("options", YamlTree.Map(("dependsOn", YamlTree.List(S("${iamApi}"))))));
        account.CommentsBefore.Add("Programs (curl, tests, other services) call the apps as this account: IAP lets it in, and it may do nothing");
        account.CommentsBefore.Add("else. The members below may sign a JWT as it ('mx token NAME' prints one for an app's URL).");
        var resources = new Dictionary<string, YamlTree>(StringComparer.Ordinal)
        {
            [ResourceName] = account,
            [ResourceName + "Access"] = YamlTree.Map(
                ("type", S("gcp:iap:WebIamMember")),
                ("properties", YamlTree.Map(
                    ("project", S(answers.GetString("gcp_project"))),
                    ("role", S(FrontDoor.AccessorRole)),
                    ("member", S($"serviceAccount:${{{ResourceName}.email}}")))),
                ("options", YamlTree.Map(("dependsOn", YamlTree.List(S("${gatewayIapApi}")))))),
        };
        foreach (var member in answers.GetList("iap_members").Distinct(StringComparer.Ordinal))
            resources[ResourceName + "Signer-" + GatewayCloud.MemberKey(member)] = YamlTree.Map(
                ("type", S("gcp:serviceaccount:IAMMember")),
                ("properties", YamlTree.Map(
                    ("serviceAccountId", S($"${{{ResourceName}.name}}")),
                    ("role", S(SignerRole)),
                    ("member", S(member)))));
        return resources;
    }

    /// <summary>The output that names the account, for a program's configuration or a teammate's script.</summary>
    internal static KeyValuePair<string, YamlTree> Output() => KeyValuePair.Create<string, YamlTree>(ResourceName, S($"${{{ResourceName}.email}}"));

    private static YamlScalar S(string value) => YamlTree.Scalar(value);
}
