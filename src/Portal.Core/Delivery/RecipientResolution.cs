namespace Portal.Core.Delivery;

/// <summary>
/// What an address resolves to: local mailboxes and outside addresses that an alias forwards to.
/// <see cref="ReturnPath"/> marks the reversal of one of our SRS addresses: the forward goes back to the original
/// sender as it is, without being rewritten again.
/// </summary>
public sealed record RecipientResolution(RecipientKind Kind, IReadOnlyList<LocalRecipient> Mailboxes, IReadOnlyList<string> Forwards, bool ReturnPath = false)
{
    public static RecipientResolution NotLocal { get; } = new(RecipientKind.NotLocal, [], []);

    public static RecipientResolution Unknown { get; } = new(RecipientKind.Unknown, [], []);

    public static RecipientResolution InvalidSrs { get; } = new(RecipientKind.InvalidSrs, [], []);
}
