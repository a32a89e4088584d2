namespace Portal.Core.Changes;

public enum ChangeKind
{
    Added = 0,
    Changed = 1,
    Deleted = 2,
}
