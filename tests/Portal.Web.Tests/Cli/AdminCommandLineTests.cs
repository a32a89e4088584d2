using System.Diagnostics;
using System.Globalization;
using Portal.Testing;
using Portal.Web.Cli;

namespace Portal.Web.Tests.Cli;

public sealed class AdminCommandLineTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task Domains_and_users_are_added_listed_and_changed()
    {
        Assert.Equal(0, (await RunAsync("domain", "add", "Example.TEST", "--edition", "Enterprise")).Code);
        Assert.Equal(0, (await RunAsync("domain", "add", "other.test")).Code);
        var domains = await RunAsync("domain", "list");
        Assert.Equal(["example.test\tEnterprise", "other.test\tFree"], Lines(domains.Stdout));

        Assert.Equal(0, (await RunAsync("user", "add", "alice@example.test", "--password", "Correct-Horse-9")).Code);
        Assert.Equal(0, (await RunAsync(["user", "add", "bob@example.test", "--password-stdin", "--role", "DomainAdmin"], stdin: "Battery-Staple-7\n")).Code);
        Assert.Equal(0, (await RunAsync("user", "add", "root@admins.test", "--password", "Root-Password-1", "--role", "SystemAdmin")).Code);
        Assert.Equal(0, (await RunAsync("user", "passwd", "alice@example.test", "--password", "New-Password-2")).Code);

        var users = await RunAsync("user", "list");
        Assert.Equal(
            ["alice@example.test\tUser\tmailbox", "bob@example.test\tDomainAdmin,User\tmailbox", "root@admins.test\tSystemAdmin\tno mailbox"],
            Lines(users.Stdout));
        Assert.Equal(["alice@example.test\tUser\tmailbox", "bob@example.test\tDomainAdmin,User\tmailbox"], Lines((await RunAsync("user", "list", "--domain", "example.test")).Stdout));
    }

    [Theory]
    [InlineData("unknown domain 'nowhere.test'", "user", "add", "alice@nowhere.test", "--password", "Correct-Horse-9")]
    [InlineData("'not an address' is not a valid address", "user", "add", "not an address", "--password", "Correct-Horse-9")]
    [InlineData("weak password", "user", "add", "weak@example.test", "--password", "abc")]
    [InlineData("already exists", "user", "add", "taken@example.test", "--password", "Correct-Horse-9")]
    [InlineData("already exists", "domain", "add", "example.test")]
    [InlineData("'bad_domain' is not a valid domain name", "domain", "add", "bad_domain")]
    [InlineData("unknown user 'ghost@example.test'", "user", "passwd", "ghost@example.test", "--password", "Correct-Horse-9")]
    public async Task Refusals_exit_1_with_one_line_on_stderr(string reason, params string[] words)
    {
        await RunAsync("domain", "add", "example.test");
        await RunAsync("user", "add", "taken@example.test", "--password", "Correct-Horse-9");

        var result = await RunAsync(words);

        Assert.Equal(AdminCommandLine.Refused, result.Code);
        var line = Assert.Single(Lines(result.Stderr));
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains(reason, line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Theory]
    [InlineData("unknown command 'frobnicate'", "frobnicate")]
    [InlineData("missing command")]
    [InlineData("a password is required", "user", "add", "alice@example.test")]
    [InlineData("unknown edition 'Gold'", "domain", "add", "example.test", "--edition", "Gold")]
    [InlineData("unknown option '--colour'", "domain", "list", "--colour", "red")]
    public async Task Usage_errors_exit_2(string reason, params string[] words)
    {
        var result = await RunAsync(words);

        Assert.Equal(AdminCommandLine.Usage, result.Code);
        Assert.StartsWith($"error: {reason}", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_executable_exits_with_the_codes()
    {
        var dll = Path.Combine(RepositoryRoot.Path, "src", "Portal.Web", "bin", BuildConfiguration(), "net10.0", "Portal.Web.dll");
        Assert.True(File.Exists(dll), dll);

        var ok = await RunProcessAsync(dll, null, "admin", "domain", "add", "example.test");
        var refused = await RunProcessAsync(dll, null, "admin", "domain", "add", "example.test");
        var user = await RunProcessAsync(dll, "Correct-Horse-9\n", "admin", "user", "add", "alice@example.test", "--password-stdin");

        Assert.Equal((0, string.Empty), (ok.Code, ok.Stderr));
        Assert.Equal(1, refused.Code);
        Assert.Equal("error: domain 'example.test' already exists", refused.Stderr.Trim());
        Assert.Equal((0, "added alice@example.test (User)"), (user.Code, user.Stdout.Trim()));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] words) => await RunAsync(words, stdin: string.Empty);

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(string[] words, string stdin)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var settings = new Dictionary<string, string?> { ["Portal:DataDirectory"] = _directory.Path };
        var code = await AdminCommandLine.RunAsync(["admin", .. words], new StringReader(stdin), output, error, settings);
        return (code, output.ToString(), error.ToString());
    }

    private async Task<(int Code, string Stdout, string Stderr)> RunProcessAsync(string dll, string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Portal__DataDirectory"] = _directory.Path;
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(stdin ?? string.Empty);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cts.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    private static string BuildConfiguration() => new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
