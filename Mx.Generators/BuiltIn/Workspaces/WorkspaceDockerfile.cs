namespace Mx.Generators.BuiltIn.Workspaces;

/// <summary>
/// The workspace image stage in the skeleton's Dockerfile, as an edit of a clearly owned block: the project's stage
/// is named <c>project</c>, the block between mx's marker lines builds <c>workspace</c> FROM it, and ends with a
/// stage that is the project's image again, so a plain <c>docker build</c> (and <c>mx run</c>) still builds the
/// project's image and BuildKit skips the workspace stage unless <c>--target workspace</c> asks for it.
/// </summary>
internal static class WorkspaceDockerfile
{
    public const string Path = "Dockerfile";
    public const string ProjectStage = "project";
    internal const string Begin = "# >>> mx DevWorkspace: the workspace image (docker build --target workspace). mx rewrites this block.";
    internal const string End = "# <<< mx DevWorkspace";

    // Versions pinned for a reproducible workspace; apt packages come from the base image's pinned Ubuntu release.
    internal const string JupyterLabVersion = "4.3.4";

    internal static readonly string Block = $$"""
        {{Begin}}
        FROM {{ProjectStage}} AS {{DevWorkspace.ImageStage}}
        USER root
        # sshd for 'ssh mx-<project>-<name>' and VS Code Remote SSH, git/tmux/rsync for work in a terminal and for
        # 'mx workspace sync'. The user mx (uid 1000) owns the home volume the pod mounts at /home/mx.
        RUN apt-get update \
            && apt-get install --yes --no-install-recommends openssh-server openssh-sftp-server git tmux rsync less vim-tiny \
            && rm -rf /var/lib/apt/lists/* /etc/ssh/ssh_host_* \
            && groupadd --gid 1000 mx \
            && useradd --uid 1000 --gid 1000 --no-log-init --home-dir /home/mx --shell /bin/bash mx \
            && python -m pip install "jupyterlab=={{JupyterLabVersion}}"
        COPY docker/workspace/sshd_config /etc/mx-workspace/sshd_config
        COPY --chmod=0755 docker/workspace/start.sh /usr/local/bin/mx-workspace-start
        ENV HOME=/home/mx
        WORKDIR /home/mx
        USER 1000:1000
        EXPOSE 2222 8888
        CMD ["/usr/local/bin/mx-workspace-start"]

        # The default target stays the project's image.
        FROM {{ProjectStage}}
        USER 10001:10001
        {{End}}
        """;

    public static FileEdit Edit() => new(Path, "add the workspace image stage", Apply);

    internal static string Apply(string dockerfile)
    {
        var lines = dockerfile.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var from = lines.FindIndex(l => l.StartsWith("FROM ", StringComparison.OrdinalIgnoreCase));
        if (from < 0)
            throw new MxException($"{Path} has no FROM line, so mx cannot build the workspace image from the project's image. " +
                                  "Restore it with 'mx generate MLProjectSkeleton' (or git) and run the command again.");
        var words = lines[from].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 2)
            lines[from] = $"{lines[from].TrimEnd()} AS {ProjectStage}";
        else if (words.Length != 4 || !words[2].Equals("AS", StringComparison.OrdinalIgnoreCase) || words[3] != ProjectStage)
            throw new MxException($"The first stage of {Path} ('{lines[from].Trim()}') is not the project's image stage mx wrote, so mx cannot tell which stage " +
                                  $"the workspace image builds on. Name it 'FROM <image> AS {ProjectStage}' and run the command again.");
        var begin = lines.IndexOf(Begin);
        var end = lines.IndexOf(End);
        if (begin >= 0 && end > begin) lines.RemoveRange(begin, end - begin + 1);
        else if (begin >= 0 || end >= 0)
            throw new MxException($"{Path} has only one of mx's workspace marker lines ('{Begin}' and '{End}'). Remove what is left of the block and run the command again.");
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        lines.Add("");
        lines.AddRange(Block.Split('\n'));
        return string.Join('\n', lines) + "\n";
    }
}
