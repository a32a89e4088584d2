namespace Portal.Core.Groupware;

/// <summary>The collections every new mailbox gets.</summary>
public static class DefaultCollections
{
    public static IReadOnlyList<(CollectionKind Kind, string Name, string DisplayName)> All { get; } =
    [
        (CollectionKind.Calendar, "calendar", "Calendar"),
        (CollectionKind.AddressBook, "contacts", "Contacts"),
        (CollectionKind.TaskList, "tasks", "Tasks"),
        (CollectionKind.Notes, "notes", "Notes"),
    ];
}
