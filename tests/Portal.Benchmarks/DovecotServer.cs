using System.Diagnostics;
using System.Globalization;
using Portal.Testing;

namespace Portal.Benchmarks;

/// <summary>
/// Debian's dovecot-imapd on a loopback port with its own configuration, state and maildir in a temporary folder
/// (installed with apt-get when missing); stopped by its master's pid, so no system service is left running.
/// </summary>
internal sealed class DovecotServer : IAsyncDisposable
{
    public const string User = "bench";
    public const string Password = "bench";

    private readonly TempDirectory _directory = new();

    public int Port { get; } = FreePort.Next();

    public string Maildir => Path.Combine(_directory.Path, "mail", User);

    private string Config => Path.Combine(_directory.Path, "dovecot.conf");

    public static async Task<DovecotServer> StartAsync()
    {
        if (!File.Exists("/usr/sbin/dovecot"))
        {
            await Run("apt-get", "install -y dovecot-imapd");
        }

        var server = new DovecotServer();
        var root = server._directory.Path;
        foreach (var dir in new[] { "run", "state", "home", Path.Combine("mail", User, "cur"), Path.Combine("mail", User, "new"), Path.Combine("mail", User, "tmp") })
        {
            Directory.CreateDirectory(Path.Combine(root, dir));
        }

        await File.WriteAllTextAsync(server.Config, string.Create(CultureInfo.InvariantCulture, $$"""
            protocols = imap
            listen = 127.0.0.1
            base_dir = {{root}}/run
            state_dir = {{root}}/state
            log_path = {{root}}/dovecot.log
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain login
            first_valid_uid = 1
            mail_location = maildir:{{root}}/mail/%u
            passdb {
              driver = static
              args = password={{Password}}
            }
            userdb {
              driver = static
              args = uid=mail gid=mail home={{root}}/home/%u
            }
            service imap-login {
              inet_listener imap {
                address = 127.0.0.1
                port = {{server.Port}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            protocol imap {
              mail_max_userip_connections = 64
            }
            """));
        return server;
    }

    /// <summary>Starts the master (after the maildir is filled, so that it indexes what is there on first SELECT).</summary>
    public async Task RunAsync()
    {
        // Dovecot refuses mail processes running as root: the mail belongs to the system's "mail" user.
        await Run("chmod", $"755 {_directory.Path}");
        await Run("chown", $"-R mail:mail {Path.Combine(_directory.Path, "mail")} {Path.Combine(_directory.Path, "home")}");

        // The master forks and keeps inherited pipes open, so its output is not redirected (it logs to log_path).
        using var process = Process.Start(new ProcessStartInfo("/usr/sbin/dovecot", $"-c {Config}") { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        for (var i = 0; i < 50 && !File.Exists(Path.Combine(_directory.Path, "run", "master.pid")); i++)
        {
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        var pidFile = Path.Combine(_directory.Path, "run", "master.pid");
        if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            using var master = Process.GetProcessById(pid);
            master.Kill();
            await master.WaitForExitAsync();
        }

        _directory.Dispose();
    }

    private static async Task<string> Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments}: exit {process.ExitCode}: {error}");
        }

        return output;
    }
}
