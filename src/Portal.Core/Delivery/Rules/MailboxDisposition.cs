using Portal.Core.Mail;

namespace Portal.Core.Delivery.Rules;

/// <summary>Where one mailbox's copy goes: a folder (by role, or by name for a filter's move), with which flags; or nowhere.</summary>
public sealed record MailboxDisposition(bool Keep, FolderRole Role, string? FolderName, MessageFlags Flags, FilterRule? MatchedRule)
{
    public static MailboxDisposition Inbox { get; } = new(true, FolderRole.Inbox, null, MessageFlags.None, null);

    /// <summary>Filter rules in order: the first that matches decides (move, flag or delete to Trash), the rest are skipped.</summary>
    public static MailboxDisposition Decide(MailboxRules? rules, MessageFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        if (rules is null)
        {
            return Inbox;
        }

        var rule = rules.Filters.FirstOrDefault(r => r.Contains.Length > 0 && facts.Field(r.Field).Contains(r.Contains, StringComparison.OrdinalIgnoreCase));
        return rule?.Action switch
        {
            FilterAction.Move when !string.IsNullOrWhiteSpace(rule.Folder) => new(true, FolderRole.None, rule.Folder, MessageFlags.None, rule),
            FilterAction.Flag => new(true, FolderRole.Inbox, null, MessageFlags.Flagged, rule),
            FilterAction.Delete => new(true, FolderRole.Trash, null, MessageFlags.None, rule),
            _ => Inbox,
        };
    }
}
