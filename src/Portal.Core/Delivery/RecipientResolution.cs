namespace Portal.Core.Delivery;

/// <summary>What an address resolves to: local mailboxes and outside addresses that an alias forwards to.</summary>
public sealed record RecipientResolution(RecipientKind Kind, IReadOnlyList<LocalRecipient> Mailboxes, IReadOnlyList<string> Forwards)
{
    public static RecipientResolution NotLocal { get; } = new(RecipientKind.NotLocal, [], []);

    public static RecipientResolution Unknown { get; } = new(RecipientKind.Unknown, [], []);
}
