using System.Globalization;
using Portal.Core.Tenancy;

namespace Portal.Web.Cli;

/// <summary>One parsed admin command, ready to run against the account service.</summary>
internal abstract record AdminCommand
{
    public abstract Task RunAsync(IAccountService accounts, TextWriter stdout);

    public static AdminCommand Parse(string[] words, TextReader stdin)
    {
        var (positional, options) = Split(words);
        AdminCommand command = positional switch
        {
            ["domain", "add", var name] => new AddDomain(name, ParseEdition(Take(options, "--edition"))),
            ["domain", "list"] => new ListDomains(),
            ["user", "add", var address] => new AddUser(address, ReadPassword(options, stdin), Take(options, "--role") ?? PortalRoles.User),
            ["user", "passwd", var address] => new SetPassword(address, ReadPassword(options, stdin)),
            ["user", "list"] => new ListUsers(Take(options, "--domain")),
            [] => throw new UsageException("missing command"),
            _ => throw new UsageException($"unknown command '{string.Join(' ', positional)}'"),
        };
        return options.Count > 0 ? throw new UsageException($"unknown option '{options.Keys.First()}'") : command;
    }

    private static (List<string> Positional, Dictionary<string, string?> Options) Split(string[] words)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (!word.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(word);
                continue;
            }

            var eq = word.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                options[word[..eq]] = word[(eq + 1)..];
            }
            else if (word == "--password-stdin")
            {
                options[word] = null;
            }
            else if (i + 1 < words.Length)
            {
                options[word] = words[++i];
            }
            else
            {
                throw new UsageException($"option '{word}' needs a value");
            }
        }

        return (positional, options);
    }

    private static string? Take(Dictionary<string, string?> options, string name) =>
        options.Remove(name, out var value) ? value : null;

    private static string ReadPassword(Dictionary<string, string?> options, TextReader stdin)
    {
        var fromStdin = options.Remove("--password-stdin");
        var given = Take(options, "--password");
        return (given, fromStdin) switch
        {
            (not null, true) => throw new UsageException("give --password or --password-stdin, not both"),
            (not null, false) => given,
            (null, true) => stdin.ReadLine() is { Length: > 0 } line ? line : throw new UsageException("no password on standard input"),
            _ => throw new UsageException("a password is required (--password P or --password-stdin)"),
        };
    }

    private static Edition ParseEdition(string? value) =>
        value is null ? Edition.Free
        : Enum.TryParse<Edition>(value, ignoreCase: true, out var edition) && Enum.IsDefined(edition) && !int.TryParse(value, out _) ? edition
        : throw new UsageException($"unknown edition '{value}' (expected Free, Professional or Enterprise)");

    private sealed record AddDomain(string Name, Edition Edition) : AdminCommand
    {
        public override async Task RunAsync(IAccountService accounts, TextWriter stdout)
        {
            var domain = await accounts.AddDomainAsync(Name, Edition).ConfigureAwait(false);
            await stdout.WriteLineAsync($"added domain {domain.Name} ({domain.Edition})").ConfigureAwait(false);
        }
    }

    private sealed record ListDomains : AdminCommand
    {
        public override async Task RunAsync(IAccountService accounts, TextWriter stdout)
        {
            foreach (var domain in await accounts.ListDomainsAsync().ConfigureAwait(false))
            {
                await stdout.WriteLineAsync($"{domain.Name}\t{domain.Edition}").ConfigureAwait(false);
            }
        }
    }

    private sealed record AddUser(string Address, string Password, string Role) : AdminCommand
    {
        public override async Task RunAsync(IAccountService accounts, TextWriter stdout)
        {
            if (string.Equals(Role, PortalRoles.SystemAdmin, StringComparison.OrdinalIgnoreCase))
            {
                if (!await accounts.EnsureSystemAdminAsync(Address, Password).ConfigureAwait(false))
                {
                    throw new AccountException($"address '{AddressSyntax.NormalizeAddress(Address)}' already exists");
                }

                await stdout.WriteLineAsync($"added {AddressSyntax.NormalizeAddress(Address)} ({PortalRoles.SystemAdmin})").ConfigureAwait(false);
                return;
            }

            var mailbox = await accounts.AddMailboxAsync(Address, Password, Role).ConfigureAwait(false);
            await stdout.WriteLineAsync($"added {mailbox.Address} ({PortalRoles.Normalize(Role)})").ConfigureAwait(false);
        }
    }

    private sealed record SetPassword(string Address, string Password) : AdminCommand
    {
        public override async Task RunAsync(IAccountService accounts, TextWriter stdout)
        {
            await accounts.SetPasswordAsync(Address, Password).ConfigureAwait(false);
            await stdout.WriteLineAsync($"password changed for {AddressSyntax.NormalizeAddress(Address)}").ConfigureAwait(false);
        }
    }

    private sealed record ListUsers(string? Domain) : AdminCommand
    {
        public override async Task RunAsync(IAccountService accounts, TextWriter stdout)
        {
            foreach (var user in await accounts.ListUsersAsync(Domain).ConfigureAwait(false))
            {
                var line = string.Create(CultureInfo.InvariantCulture, $"{user.Address}\t{string.Join(',', user.Roles)}\t{(user.HasMailbox ? "mailbox" : "no mailbox")}");
                await stdout.WriteLineAsync(line).ConfigureAwait(false);
            }
        }
    }
}
