using MimeKit;

namespace Portal.Core.Delivery.Rules;

/// <summary>What delivery rules look at in a message's header: read once per message, not per recipient.</summary>
public sealed record MessageFacts(
    string From,
    string To,
    string Subject,
    string? MessageId,
    string? References,
    bool Automatic,
    int ReceivedCount,
    IReadOnlyList<string> ForwardedBy)
{
    /// <summary>Our forwarding trace: one field per forward made by this server, naming the address that forwarded.</summary>
    public const string ForwardedHeader = "X-Portal-Forwarded";

    public static MessageFacts Empty { get; } = new(string.Empty, string.Empty, string.Empty, null, null, false, 0, []);

    public static MessageFacts Read(HeaderList headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var from = AddressText(headers, HeaderId.From);
        var to = string.Join(", ", new[] { AddressText(headers, HeaderId.To), AddressText(headers, HeaderId.Cc) }.Where(t => t.Length > 0));
        return new MessageFacts(
            from,
            to,
            headers[HeaderId.Subject] ?? string.Empty,
            headers[HeaderId.MessageId]?.Trim(),
            headers[HeaderId.References]?.Trim(),
            IsAutomatic(headers),
            headers.Count(h => h.Id == HeaderId.Received),
            headers.Where(h => h.Field.Equals(ForwardedHeader, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value.Trim()).ToList());
    }

    public string Field(FilterField field) => field switch
    {
        FilterField.From => From,
        FilterField.To => To,
        _ => Subject,
    };

    // RFC 3834 §2 and §3.1.2: no automatic response to automatic mail, to list mail or to bulk mail.
    private static bool IsAutomatic(HeaderList headers)
    {
        var autoSubmitted = headers[HeaderId.AutoSubmitted];
        if (autoSubmitted is not null && !autoSubmitted.Trim().Equals("no", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var precedence = headers["Precedence"]?.Trim().ToLowerInvariant();
        if (precedence is "bulk" or "list" or "junk")
        {
            return true;
        }

        // RFC 2369 / RFC 2919 list fields, and the common "auto-generated" markers of other servers.
        return headers.Any(h => h.Field.StartsWith("List-", StringComparison.OrdinalIgnoreCase)
            || h.Field.Equals("X-Auto-Response-Suppress", StringComparison.OrdinalIgnoreCase)
            || h.Field.Equals("X-Autoreply", StringComparison.OrdinalIgnoreCase)
            || h.Field.Equals("X-Autorespond", StringComparison.OrdinalIgnoreCase)
            || h.Field.Equals("Feedback-ID", StringComparison.OrdinalIgnoreCase));
    }

    private static string AddressText(HeaderList headers, HeaderId id)
    {
        var value = headers[id];
        if (value is null)
        {
            return string.Empty;
        }

        // Both the display names and the addresses, so "contains" matches either.
        return InternetAddressList.TryParse(value, out var list)
            ? string.Join(", ", list.Mailboxes.Select(m => string.IsNullOrEmpty(m.Name) ? m.Address : $"{m.Name} <{m.Address}>"))
            : value;
    }
}
