namespace Portal.Core.Groupware;

/// <summary>What a groupware collection holds: events (VEVENT), contacts (vCard), tasks (VTODO) or notes (VJOURNAL).</summary>
public enum CollectionKind
{
    Calendar = 0,
    AddressBook = 1,
    TaskList = 2,
    Notes = 3,
}
