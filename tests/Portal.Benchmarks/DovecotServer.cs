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

    /// <summary>The master's pid once <see cref="RunAsync"/> returned (its process tree is the server).</summary>
    public int MasterPid { get; private set; }

    /// <summary>
    /// Writes the configuration; <paramref name="maxSessions"/> above 64 raises dovecot's process, client and per-user
    /// limits to that many IMAP sessions; <paramref name="mailFormat"/> is dovecot's mailbox format (maildir, sdbox, mdbox).
    /// </summary>
    public static async Task<DovecotServer> StartAsync(int maxSessions = 64, string mailFormat = "maildir")
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
            mail_location = {{mailFormat}}:{{root}}/mail/%u
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
              mail_max_userip_connections = {{maxSessions}}
            }
            {{ManySessions(maxSessions)}}
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
        var pidFile = Path.Combine(_directory.Path, "run", "master.pid");
        for (var i = 0; i < 50 && !File.Exists(pidFile); i++)
        {
            await Task.Delay(100);
        }

        MasterPid = File.Exists(pidFile) ? int.Parse((await File.ReadAllTextAsync(pidFile)).Trim(), CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>
    /// One imap process per session (dovecot's design), a login process in high-performance mode (service_count = 0) so
    /// that logins are not one process each, and client limits of the helper services above what that many needs.
    /// </summary>
    private static string ManySessions(int sessions) => sessions <= 64 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $$"""
        default_process_limit = {{sessions}}
        default_client_limit = {{(3 * sessions) + 100}}
        service imap {
          process_limit = {{sessions}}
        }
        service imap-login {
          service_count = 0
          process_min_avail = 2
        }
        """);

    public async ValueTask DisposeAsync()
    {
        var pidFile = Path.Combine(_directory.Path, "run", "master.pid");
        if (File.Exists(pidFile) && int.TryParse((await File.ReadAllTextAsync(pidFile)).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid))
        {
            using var master = Process.GetProcessById(pid);

            // The whole tree: imap processes outlive a killed master (thousands of them after an IDLE run).
            master.Kill(entireProcessTree: true);
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
