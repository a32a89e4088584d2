using System.Text;
using System.Text.RegularExpressions;
using Portal.Core.Mail;

namespace Portal.Protocols.Imap.Commands;

/// <summary>LIST patterns (RFC 3501 §6.3.8): "*" matches anything, "%" anything but the hierarchy delimiter.</summary>
internal sealed class MailboxPattern
{
    private readonly Regex _exact;
    private readonly Regex _ignoreCase;

    public MailboxPattern(string reference, string pattern)
    {
        var builder = new StringBuilder("^");
        foreach (var c in reference + pattern)
        {
            builder.Append(c switch
            {
                '*' => ".*",
                '%' => "[^" + Regex.Escape(Folder.Delimiter.ToString()) + "]*",
                _ => Regex.Escape(c.ToString()),
            });
        }

        builder.Append('$');
        _exact = new Regex(builder.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
        _ignoreCase = new Regex(builder.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
    }

    /// <summary>RFC 3501 §5.1: INBOX is case-insensitive, every other name is compared exactly.</summary>
    public bool Matches(string name) => name == "INBOX" ? _ignoreCase.IsMatch(name) : _exact.IsMatch(name);
}
