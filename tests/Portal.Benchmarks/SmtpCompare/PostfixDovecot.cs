using System.Diagnostics;
using System.Globalization;

namespace Portal.Benchmarks.SmtpCompare;

/// <summary>
/// Debian's postfix (SMTP on a free loopback port) delivering over LMTP to Debian's dovecot (LMTP and IMAP on free
/// loopback ports), each with its own configuration, queue and mail under a temporary folder, started here and stopped
/// at the end: no system-wide service is used or left running. Installs the packages when missing (needs root).
/// </summary>
internal sealed class PostfixDovecot : IAsyncDisposable
{
    public const string Domain = "bench.test";
    public const string User = "bench@bench.test";
    public const string Password = "bench";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "portal-bench-" + Guid.NewGuid().ToString("N")[..8]);
    private Process? _dovecot;
    private bool _postfixStarted;

    public int SmtpPort { get; } = Shell.FreePort();

    public int LmtpPort { get; } = Shell.FreePort();

    public int ImapPort { get; } = Shell.FreePort();

    public int DovecotPid => _dovecot?.Id ?? 0;

    /// <summary>The master's pid (read with cat: the master holds a lock on the file that .NET's reader would trip over).</summary>
    public async Task<int> PostfixMasterPidAsync() =>
        int.Parse((await Shell.RunAsync("cat", Path.Combine(_root, "postfix", "queue", "pid", "master.pid"))).Trim(), CultureInfo.InvariantCulture);

    public static async Task EnsureInstalledAsync()
    {
        if (File.Exists("/usr/sbin/postfix") && File.Exists("/usr/sbin/dovecot") && File.Exists("/usr/lib/dovecot/lmtp") && File.Exists("/usr/lib/dovecot/imap"))
        {
            return;
        }

        Console.WriteLine("Installing Debian's postfix and dovecot (apt-get)...");
        await Shell.RunAsync("apt-get", "install", "-y", "-q", "postfix", "dovecot-lmtpd", "dovecot-imapd");
    }

    public async Task StartAsync()
    {
        Directory.CreateDirectory(_root);
        await StartDovecotAsync();
        await StartPostfixAsync();
    }

    private async Task StartDovecotAsync()
    {
        var dir = Path.Combine(_root, "dovecot");
        var mail = Path.Combine(dir, "mail");
        Directory.CreateDirectory(Path.Combine(dir, "run"));
        Directory.CreateDirectory(mail);
        await Shell.RunAsync("chown", "mail:mail", mail);
        var config = Path.Combine(dir, "dovecot.conf");
        await File.WriteAllTextAsync(config, $$"""
            base_dir = {{dir}}/run
            state_dir = {{dir}}/state
            log_path = {{dir}}/dovecot.log
            protocols = imap lmtp
            listen = 127.0.0.1
            ssl = no
            disable_plaintext_auth = no
            auth_mechanisms = plain
            first_valid_uid = 1
            mail_location = maildir:{{mail}}/%n
            postmaster_address = postmaster@{{Domain}}
            passdb {
              driver = static
              args = password={{Password}}
            }
            userdb {
              driver = static
              args = uid=mail gid=mail home={{mail}}/%n
            }
            service lmtp {
              inet_listener lmtp {
                address = 127.0.0.1
                port = {{LmtpPort}}
              }
            }
            service imap-login {
              inet_listener imap {
                port = {{ImapPort}}
              }
              inet_listener imaps {
                port = 0
              }
            }
            service pop3-login {
              inet_listener pop3 {
                port = 0
              }
            }
            """);
        _dovecot = Process.Start(new ProcessStartInfo("/usr/sbin/dovecot") { ArgumentList = { "-F", "-c", config }, UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true })
            ?? throw new InvalidOperationException("dovecot did not start");
        await Shell.WaitForPortAsync(ImapPort, TimeSpan.FromSeconds(20));
        await Shell.WaitForPortAsync(LmtpPort, TimeSpan.FromSeconds(20));
    }

    private async Task StartPostfixAsync()
    {
        var dir = Path.Combine(_root, "postfix");
        Directory.CreateDirectory(Path.Combine(dir, "queue"));
        Directory.CreateDirectory(Path.Combine(dir, "data"));
        await Shell.RunAsync("chown", "postfix", Path.Combine(dir, "data"));
        await File.WriteAllTextAsync(Path.Combine(dir, "main.cf"), $"""
            compatibility_level = 3.6
            queue_directory = {dir}/queue
            data_directory = {dir}/data
            mail_owner = postfix
            setgid_group = postdrop
            myhostname = postfix.{Domain}
            inet_interfaces = 127.0.0.1
            inet_protocols = ipv4
            mydestination =
            relay_domains =
            local_recipient_maps =
            alias_maps =
            alias_database =
            virtual_mailbox_domains = {Domain}
            virtual_mailbox_maps = static:OK
            virtual_transport = lmtp:inet:127.0.0.1:{LmtpPort}
            mynetworks = 127.0.0.0/8
            smtpd_relay_restrictions = permit_mynetworks, reject
            smtpd_recipient_restrictions = permit_mynetworks, reject
            maillog_file_prefixes = {dir}
            maillog_file = {dir}/postfix.log
            smtputf8_enable = no
            biff = no
            """);
        await File.WriteAllTextAsync(Path.Combine(dir, "master.cf"), $"""
            127.0.0.1:{SmtpPort} inet n - n - - smtpd
            pickup    unix n - n 60 1 pickup
            cleanup   unix n - n - 0 cleanup
            qmgr      unix n - n 300 1 qmgr
            rewrite   unix - - n - - trivial-rewrite
            bounce    unix - - n - 0 bounce
            defer     unix - - n - 0 bounce
            trace     unix - - n - 0 bounce
            verify    unix - - n - 1 verify
            flush     unix n - n 1000? 0 flush
            proxymap  unix - - n - - proxymap
            smtp      unix - - n - - smtp
            relay     unix - - n - - smtp
            error     unix - - n - - error
            retry     unix - - n - - error
            discard   unix - - n - - discard
            lmtp      unix - - n - - lmtp
            anvil     unix - - n - 1 anvil
            scache    unix - - n - 1 scache
            postlog   unix-dgram n - n - 1 postlogd
            showq     unix n - n - - showq
            """);
        await Shell.RunAsync("/usr/sbin/postfix", "-c", dir, "start");
        _postfixStarted = true;
        await Shell.WaitForPortAsync(SmtpPort, TimeSpan.FromSeconds(20));
    }

    public async ValueTask DisposeAsync()
    {
        if (_postfixStarted)
        {
            try
            {
                await Shell.RunAsync("/usr/sbin/postfix", "-c", Path.Combine(_root, "postfix"), "stop");
            }
            catch (InvalidOperationException ex)
            {
                Console.Error.WriteLine(ex.Message);
            }
        }

        if (_dovecot is { HasExited: false })
        {
            _dovecot.Kill(entireProcessTree: true);
            await _dovecot.WaitForExitAsync();
        }

        _dovecot?.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
