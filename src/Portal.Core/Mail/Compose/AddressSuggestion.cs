namespace Portal.Core.Mail.Compose;

/// <summary>One address offered while typing a recipient, with where it came from.</summary>
public sealed record AddressSuggestion(string Address, string? DisplayName, AddressSource Source)
{
    /// <summary>The text put in a recipient field: "Name &lt;address&gt;" or the bare address.</summary>
    public string ToRecipient() => string.IsNullOrWhiteSpace(DisplayName)
        ? Address
        : new MimeKit.MailboxAddress(DisplayName, Address).ToString();
}

/// <summary>Where a suggested address came from, in the order suggestions are offered.</summary>
public enum AddressSource
{
    Contact = 0,
    Directory = 1,
    Recent = 2,
}
