namespace Portal.Core.Security;

public enum CredentialOutcome
{
    Success = 0,
    InvalidCredentials = 1,
    LockedOut = 2,
    Throttled = 3,
    Disabled = 4,

    /// <summary>Two-factor sign-in is on: mail clients must use an app password, not the account password.</summary>
    AppPasswordRequired = 5,
}

/// <summary>The verdict on a sign-in attempt; <see cref="MailboxId"/> and <see cref="Address"/> are set on success.</summary>
public sealed record CredentialResult(CredentialOutcome Outcome, Guid? MailboxId = null, string? Address = null, bool ViaAppPassword = false)
{
    public bool Succeeded => Outcome == CredentialOutcome.Success;
}
