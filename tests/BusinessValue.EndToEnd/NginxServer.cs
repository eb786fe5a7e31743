using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BusinessValue.Testing;

namespace BusinessValue.EndToEnd;

/// <summary>
/// Debian's nginx in front of two app nodes, on 127.0.0.1 only, running deploy/nginx/business-value.conf with
/// the test's ports put in. Its own prefix, configuration, pid and logs in a temp folder; an unprivileged
/// process (as "nobody" when the tests run as root). scripts/test.sh installs the package; BV_NGINX names
/// another binary.
/// </summary>
internal sealed class NginxServer : IAsyncDisposable
{
    private readonly string _folder;
    private readonly Process _process;

    private NginxServer(string folder, Process process, Uri address)
    {
        _folder = folder;
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public string ErrorLog => File.Exists(Path.Combine(_folder, "error.log")) ? File.ReadAllText(Path.Combine(_folder, "error.log")) : "";

    public static async Task<NginxServer> StartAsync(Uri nodeA, Uri nodeB)
    {
        var binary = FindBinary();
        var port = FreePort();
        var folder = Path.Combine(Path.GetTempPath(), $"bv-nginx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var site = Replace(await File.ReadAllTextAsync(Path.Combine(RepositoryFolder.Root, "deploy", "nginx", "business-value.conf")),
            ("server 127.0.0.1:5001", $"server {nodeA.Authority}"),
            ("server 127.0.0.1:5002", $"server {nodeB.Authority}"),
            ("listen 127.0.0.1:8080", $"listen 127.0.0.1:{port}"));
        await File.WriteAllTextAsync(Path.Combine(folder, "business-value.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log info;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                include {{folder}}/business-value.conf;
            }
            """);
        var arguments = $"-p {folder} -c {folder}/nginx.conf -e {folder}/error.log";
        var asRoot = Environment.UserName == "root";
        if (asRoot && !OperatingSystem.IsWindows())
        {
            // Never a root nginx in a test: the folder is handed to "nobody", who runs it.
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
        }

        var process = Process.Start(new ProcessStartInfo(asRoot ? "runuser" : binary, asRoot ? $"-u nobody -- {binary} {arguments}" : arguments)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var server = new NginxServer(folder, process, new Uri($"http://127.0.0.1:{port}/"));
        for (var waited = Stopwatch.StartNew(); ; await Task.Delay(100))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx ({binary}) stopped at start: {await process.StandardError.ReadToEndAsync()} {server.ErrorLog}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(10))
            {
            }
        }
    }

    /// <summary>The nginx binary: BV_NGINX, Debian's /usr/sbin/nginx, or the first one on the PATH.</summary>
    private static string FindBinary()
    {
        var candidates = new[] { Environment.GetEnvironmentVariable("BV_NGINX"), "/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(folder => Path.Combine(folder, "nginx")));
        return candidates.FirstOrDefault(path => !string.IsNullOrEmpty(path) && File.Exists(path))
            ?? throw new InvalidOperationException("nginx was not found. Run scripts/test.sh (it installs Debian's nginx-light) or `apt-get install -y nginx-light`, or set BV_NGINX.");
    }

    private static string Replace(string text, params (string Old, string New)[] replacements)
    {
        foreach (var (old, replacement) in replacements)
        {
            if (!text.Contains(old, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"deploy/nginx/business-value.conf no longer contains '{old}', which the test replaces with its own port.");
            }

            text = text.Replace(old, replacement, StringComparison.Ordinal);
        }

        return text;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        // The master by its pid (runuser's child when run as nobody), with its worker.
        if (int.TryParse(File.Exists(Path.Combine(_folder, "nginx.pid")) ? (await File.ReadAllTextAsync(Path.Combine(_folder, "nginx.pid"))).Trim() : "", out var pid))
        {
            try
            {
                using var master = Process.GetProcessById(pid);
                master.Kill(entireProcessTree: true);
                await master.WaitForExitAsync();
            }
            catch (ArgumentException)
            {
                // Already gone.
            }
        }

        if (!_process.HasExited)
        {
            _process.Kill();
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
