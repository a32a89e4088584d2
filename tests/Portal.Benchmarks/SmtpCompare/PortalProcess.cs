using System.Diagnostics;
using System.Globalization;
using Portal.Testing;
using Portal.Web.Cli;

namespace Portal.Benchmarks.SmtpCompare;

/// <summary>
/// Portal as its own process (the Release build of src/Portal.Web), so that its CPU and memory are measured apart from
/// the load generator: SQLite in a temporary data directory, every listener on a free loopback port.
/// </summary>
internal sealed class PortalProcess : IAsyncDisposable
{
    public const string User = "bench@example.test";
    public const string Password = "Correct-Horse-9";

    private readonly TempDirectory _directory = new();
    private readonly Dictionary<string, string?> _settings = [];
    private Process? _process;

    public int SmtpPort => Port("Smtp");

    public int ImapPort => Port("Imap");

    public int Pid => _process?.Id ?? 0;

    public async Task StartAsync(IReadOnlyDictionary<string, string?> extra)
    {
        _settings["Portal:DataDirectory"] = _directory.Path;
        _settings["Portal:Protocols:BindAddress"] = "127.0.0.1";
        foreach (var name in new[] { "Smtp", "Submission", "Smtps", "Imap", "Imaps", "Pop3", "Pop3s", "Xmpp", "Xmpps" })
        {
            _settings[$"Portal:Protocols:{name}:Port"] = Shell.FreePort().ToString(CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in extra)
        {
            _settings[key] = value;
        }

        foreach (var words in new[] { new[] { "domain", "add", "example.test" }, ["user", "add", User, "--password", Password] })
        {
            using var output = new StringWriter(CultureInfo.InvariantCulture);
            if (await AdminCommandLine.RunAsync(["admin", .. words], TextReader.Null, output, output, _settings) != 0)
            {
                throw new InvalidOperationException(output.ToString());
            }
        }

        var dll = Path.Combine(RepositoryRoot.Path, "src", "Portal.Web", "bin", "Release", "net10.0", "Portal.Web.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _directory.Path };
        foreach (var argument in new[] { dll, "--urls", $"http://127.0.0.1:{Shell.FreePort()}", "--environment", "Production", "--Logging:LogLevel:Default=Warning" }
                     .Concat(_settings.Select(s => $"--{s.Key}={s.Value}")))
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("Portal did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("portal: " + e.Data);
            }
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Shell.WaitForPortAsync(SmtpPort, TimeSpan.FromSeconds(60));
        await Shell.WaitForPortAsync(ImapPort, TimeSpan.FromSeconds(60));
    }

    private int Port(string listener) => int.Parse(_settings[$"Portal:Protocols:{listener}:Port"]!, CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
