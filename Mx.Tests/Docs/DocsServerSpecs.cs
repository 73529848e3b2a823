using System.Diagnostics;
using System.Net;
using k8s;
using k8s.Models;
using Mx.Generators.BuiltIn.Docs;
using Mx.Pulumi.Internal;
using Mx.Tests.Support;

namespace Mx.Tests.Docs;

/// <summary>
/// The docs server's nginx configuration, run by a real nginx (Debian's, which test.sh installs) over a directory laid
/// out as the pipeline publishes Sphinx's HTML: only the address it listens on and the directory it serves differ from
/// the pod's.
/// </summary>
public sealed class DocsServerSpecs : IDisposable
{
    private const string Nginx = "/usr/sbin/nginx";
    private readonly TempDirectory _dir = new();
    private readonly Process _nginx;
    private readonly HttpClient _client;

    public DocsServerSpecs()
    {
        Assert.True(File.Exists(Nginx), $"{Nginx} is missing: the docs server tests need Debian's nginx (test.sh installs it).");
        var docs = _dir.Combine("docs");
        Directory.CreateDirectory(Path.Combine(docs, "api"));
        File.WriteAllText(Path.Combine(docs, "index.html"), "<h1>acme-vision</h1>");
        File.WriteAllText(Path.Combine(docs, "api", "index.html"), "<h1>API</h1>");
        var port = LoopbackPorts.Free();
        var server = KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(Repository.Samples, "acme-vision-docs", "infra/k8s/docs/server.yaml")), strict: true)
            .OfType<V1ConfigMap>().Single().Data["default.conf"];
        Assert.Contains($"listen {DocsApp.Port};", server);
        File.WriteAllText(_dir.Combine("default.conf"), server
            .Replace($"listen {DocsApp.Port};", $"listen 127.0.0.1:{port};", StringComparison.Ordinal)
            .Replace("root /srv/docs;", $"root {docs};", StringComparison.Ordinal));
        // What the image's own nginx.conf holds around conf.d: MIME types, and pid and temporary files out of /etc and /var.
        File.WriteAllText(_dir.Combine("nginx.conf"), $$"""
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            worker_processes 1;
            daemon off;
            pid {{_dir.Combine("nginx.pid")}};
            error_log stderr warn;
            events {}
            http {
                include /etc/nginx/mime.types;
                access_log off;
                client_body_temp_path {{_dir.Combine("client_temp")}};
                proxy_temp_path {{_dir.Combine("proxy_temp")}};
                fastcgi_temp_path {{_dir.Combine("fastcgi_temp")}};
                uwsgi_temp_path {{_dir.Combine("uwsgi_temp")}};
                scgi_temp_path {{_dir.Combine("scgi_temp")}};
                include {{_dir.Combine("default.conf")}};
            }

            """);
        _nginx = Process.Start(new ProcessStartInfo(Nginx, ["-p", _dir.Path, "-c", _dir.Combine("nginx.conf")]) { RedirectStandardError = true, UseShellExecute = false })!;
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (LoopbackPorts.IsFree(port))
        {
            Assert.False(_nginx.HasExited, $"nginx exited: {(_nginx.HasExited ? _nginx.StandardError.ReadToEnd() : "")}");
            Assert.True(DateTime.UtcNow < deadline, "nginx did not listen within 20 s");
            Thread.Sleep(50);
        }
    }

    [Fact]
    public async Task The_health_path_answers_before_anything_is_published()
    {
        Directory.Delete(_dir.Combine("docs"), recursive: true);

        var health = await _client.GetAsync(DocsApp.HealthPath);
        var index = await _client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok\n", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, index.StatusCode);
    }

    [Fact]
    public async Task Pages_are_served_as_html_that_browsers_revalidate_and_the_server_does_not_tell_its_version()
    {
        var index = await _client.GetAsync("/");
        var api = await _client.GetAsync("/api/");
        var missing = await _client.GetAsync("/nothing.html");

        Assert.Equal(HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("<h1>acme-vision</h1>", await index.Content.ReadAsStringAsync());
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", index.Headers.CacheControl?.ToString());
        Assert.Equal("<h1>API</h1>", await api.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("nginx", Assert.Single(index.Headers.Server).Product?.Name);
        Assert.Null(Assert.Single(index.Headers.Server).Product?.Version);
    }

    [Fact]
    public async Task A_directory_without_its_slash_redirects_relatively_so_the_browser_keeps_https_and_the_host()
    {
        var redirect = await _client.GetAsync("/api");

        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        // Behind the load balancer nginx sees http on port 8080; an absolute Location would send the browser there.
        Assert.Equal("/api/", redirect.Headers.Location?.OriginalString);
    }

    public void Dispose()
    {
        _client.Dispose();
        if (!_nginx.HasExited) _nginx.Kill(entireProcessTree: true);
        _nginx.WaitForExit();
        _nginx.Dispose();
        _dir.Dispose();
    }
}
