using Mx.Generators;
using Mx.Pulumi.Workspaces;
using Mx.Tests.Support;

namespace Mx.Tests.Workspaces;

public class SshConfigFileSpecs
{
    private static string Block(string name) => SshConfigFile.Block("acme-vision", name, "/opt/mx/mx", "/work/acme vision", "/home/ada/.ssh/id_ed25519");

    [Fact]
    public void Writing_the_same_block_twice_changes_nothing_and_never_duplicates_a_host()
    {
        using var dir = new TempDirectory();
        var file = new SshConfigFile(dir.Path);

        Assert.True(file.Upsert(Block("ada")));
        var once = File.ReadAllText(file.MxConfigPath);
        Assert.False(file.Upsert(Block("ada")));
        Assert.Equal(once, File.ReadAllText(file.MxConfigPath));
        Assert.True(file.Upsert(Block("bob")));
        Assert.True(file.Upsert(SshConfigFile.Block("acme-vision", "ada", "mx", "/elsewhere", "/home/ada/.ssh/id_rsa")));

        var text = File.ReadAllText(file.MxConfigPath);
        Assert.Equal(["mx-acme-vision-ada", "mx-acme-vision-bob"], file.Hosts());
        Assert.Single(text.Split('\n'), l => l == "Host mx-acme-vision-ada");
        Assert.Contains("ProxyCommand \"mx\" workspace proxy ada --project \"/elsewhere\"", text);
        Assert.DoesNotContain("workspace proxy ada --project \"/work/acme vision\"", text);
        Assert.Contains(Block("bob").TrimEnd('\n'), text);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file.MxConfigPath));
    }

    [Fact]
    public void Removing_a_host_leaves_the_others_and_a_missing_one_changes_nothing()
    {
        using var dir = new TempDirectory();
        var file = new SshConfigFile(dir.Path);
        file.Upsert(Block("ada"));
        file.Upsert(Block("bob"));

        Assert.True(file.Remove("mx-acme-vision-ada"));
        Assert.False(file.Remove("mx-acme-vision-ada"));

        Assert.Equal(["mx-acme-vision-bob"], file.Hosts());
        Assert.Contains(Block("bob"), File.ReadAllText(file.MxConfigPath));
    }

    [Fact]
    public void The_block_escapes_percent_signs_which_ssh_would_expand_as_tokens()
    {
        var block = SshConfigFile.Block("p", "w", "/opt/100%/mx", "/work/50%", "/keys/%id");

        Assert.Contains("ProxyCommand \"/opt/100%%/mx\" workspace proxy w --project \"/work/50%%\"", block);
        Assert.Contains("IdentityFile /keys/%%id", block);
    }

    [Fact]
    public void The_include_goes_first_in_the_users_config_once_and_leaves_every_other_line_as_it_was()
    {
        using var dir = new TempDirectory();
        var file = new SshConfigFile(dir.Path);
        Directory.CreateDirectory(dir.Path);
        const string users = "# mine\nHost github.com\n  User git\n  IdentityFile ~/.ssh/gh\n\nMatch host *.corp\n  ProxyJump bastion\n";
        File.WriteAllText(file.UserConfigPath, users);

        Assert.False(file.HasInclude());
        file.AddInclude();
        file.AddInclude();

        var text = File.ReadAllText(file.UserConfigPath);
        Assert.StartsWith("# Added by mx", text);
        Assert.Single(text.Split('\n'), l => l == SshConfigFile.IncludeLine);
        Assert.EndsWith("\n\n" + users, text);
        Assert.True(file.HasInclude());
    }

    [Fact]
    public void An_include_inside_a_host_block_does_not_count_since_it_applies_to_that_host_only()
    {
        using var dir = new TempDirectory();
        var file = new SshConfigFile(dir.Path);
        Directory.CreateDirectory(dir.Path);
        File.WriteAllText(file.UserConfigPath, "Host github.com\n  User git\n  Include ~/.ssh/mx/config\n");

        Assert.False(file.HasInclude());
        file.AddInclude();

        Assert.StartsWith("# Added by mx: the ssh hosts of mx dev workspaces (mx workspace create).\nInclude ~/.ssh/mx/config\n", File.ReadAllText(file.UserConfigPath));
    }

    [Fact]
    public void A_users_config_that_is_not_ssh_config_is_refused_and_left_alone()
    {
        using var dir = new TempDirectory();
        var file = new SshConfigFile(dir.Path);
        Directory.CreateDirectory(dir.Path);
        const string broken = "Host github.com\n  User git\n<<<<<<< HEAD\n  Port 22\n";
        File.WriteAllText(file.UserConfigPath, broken);

        var error = Assert.Throws<MxException>(file.AddInclude);

        Assert.Contains("line 3", error.Message);
        Assert.Contains("Include ~/.ssh/mx/config", error.Message);
        Assert.Equal(broken, File.ReadAllText(file.UserConfigPath));
    }

    [Fact]
    public void An_mx_config_with_lines_mx_did_not_write_is_refused_and_left_alone()
    {
        using var dir = new TempDirectory();
        var file = new SshConfigFile(dir.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(file.MxConfigPath)!);
        const string foreign = "Host mx-acme-vision-ada\n  User mx\nHost *\n  User root\n";
        File.WriteAllText(file.MxConfigPath, foreign);

        Assert.Throws<MxException>(() => file.Upsert(Block("bob")));
        Assert.Throws<MxException>(() => file.Remove("mx-acme-vision-ada"));
        Assert.Equal(foreign, File.ReadAllText(file.MxConfigPath));
    }

    [Fact]
    public void A_user_comment_inside_a_block_is_kept_until_mx_rewrites_that_block()
    {
        using var dir = new TempDirectory();
        var file = new SshConfigFile(dir.Path);
        file.Upsert(Block("ada"));
        file.Upsert(Block("bob"));
        File.WriteAllText(file.MxConfigPath, File.ReadAllText(file.MxConfigPath).Replace("Host mx-acme-vision-bob\n", "Host mx-acme-vision-bob\n  # bob's GPU box\n"));

        file.Remove("mx-acme-vision-ada");

        Assert.Contains("  # bob's GPU box\n", File.ReadAllText(file.MxConfigPath));
    }
}
