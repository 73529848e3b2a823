namespace Mx.Generators.BuiltIn;

/// <summary>
/// The published <c>pytorch/pytorch</c> runtime images (torch × CUDA, with their cuDNN) and the Python each ships,
/// from <c>Data/pytorch-images.txt</c>, so that an answer never names a base image tag that does not exist.
/// </summary>
internal sealed class PyTorchImages
{
    public static PyTorchImages Default { get; } = Load();

    private readonly List<Release> _releases;

    private PyTorchImages(List<Release> releases) => _releases = releases;

    /// <summary>The torch versions with images, oldest first.</summary>
    public IReadOnlyList<string> TorchVersions
    {
        get
        {
            var versions = new List<string>(_releases.Count);
            foreach (var release in _releases) versions.Add(release.Torch);
            return versions;
        }
    }

    /// <summary>The CUDA versions a torch release has images for, oldest first; empty for an unknown release.</summary>
    public IReadOnlyList<string> CudaVersions(string torch) => Find(torch)?.CudaVersions ?? [];

    /// <summary>The Python of the release's images (major.minor), or null for an unknown release.</summary>
    public string? Python(string torch) => Find(torch)?.Python;

    /// <summary>The image tag, or null when that combination was never published.</summary>
    public string? Image(string torch, string cuda)
    {
        if (Find(torch) is not { } release) return null;
        for (var i = 0; i < release.CudaVersions.Length; i++)
            if (release.CudaVersions[i] == cuda) return $"pytorch/pytorch:{torch}-cuda{cuda}-cudnn{release.Cudnn[i]}-runtime";
        return null;
    }

    private Release? Find(string torch)
    {
        foreach (var release in _releases)
            if (release.Torch == torch) return release;
        return null;
    }

    private sealed record Release(string Torch, string Python, string[] CudaVersions, string[] Cudnn);

    private static PyTorchImages Load()
    {
        const string Resource = "data/pytorch-images.txt";
        using var stream = typeof(PyTorchImages).Assembly.GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"{Resource} is not embedded");
        using var reader = new StreamReader(stream);
        var releases = new List<Release>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0 || line[0] == '#') continue;
            if (line.Split('|', StringSplitOptions.TrimEntries) is not ["image", var torch, var python, var images])
                throw Invalid(number, "expected 'image | torch | python | cuda=cudnn ...'");
            var pairs = images.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var cuda = new string[pairs.Length];
            var cudnn = new string[pairs.Length];
            for (var i = 0; i < pairs.Length; i++)
            {
                if (pairs[i].Split('=') is not [var version, var cudnnVersion]) throw Invalid(number, $"'{pairs[i]}' is not cuda=cudnn");
                (cuda[i], cudnn[i]) = (version, cudnnVersion);
            }
            releases.Add(new Release(torch, python, cuda, cudnn));
        }
        return new PyTorchImages(releases);
    }

    private static InvalidOperationException Invalid(int line, string problem) =>
        new($"data/pytorch-images.txt({line}): {problem}");
}
