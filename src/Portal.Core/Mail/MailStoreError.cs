namespace Portal.Core.Mail;

/// <summary>Why a folder operation was refused.</summary>
public enum MailStoreError
{
    NotFound = 0,
    AlreadyExists = 1,
    HasChildren = 2,
    NotAllowed = 3,
    InvalidName = 4,
}
