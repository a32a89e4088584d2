namespace Portal.Core.Security;

/// <summary>
/// What a user changes about their own sign-in from the Settings area: password, two-factor sign-in (TOTP, with
/// recovery codes) and app passwords for mail clients. Every call names the account it acts on.
/// </summary>
public interface IAccountSecurity
{
    Task<SecurityState> GetStateAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Empty on success; otherwise the reasons, fit to show.</summary>
    Task<IReadOnlyList<string>> ChangePasswordAsync(Guid userId, string currentPassword, string newPassword, CancellationToken cancellationToken = default);

    /// <summary>Makes a new authenticator key (replacing any earlier one) and the otpauth URI for an authenticator app.</summary>
    Task<TwoFactorSetup> BeginTwoFactorAsync(Guid userId, string issuer, CancellationToken cancellationToken = default);

    /// <summary>Turns two-factor sign-in on when <paramref name="code"/> is valid; returns the recovery codes, or null for a wrong code.</summary>
    Task<IReadOnlyList<string>?> EnableTwoFactorAsync(Guid userId, string code, CancellationToken cancellationToken = default);

    /// <summary>Turns two-factor sign-in off; app passwords go with it.</summary>
    Task DisableTwoFactorAsync(Guid userId, CancellationToken cancellationToken = default);

    /// <summary>Creates an app password (two-factor sign-in must be on); the password is shown once and stored hashed.</summary>
    Task<(AppPasswordInfo Info, string Password)> CreateAppPasswordAsync(Guid userId, string name, CancellationToken cancellationToken = default);

    Task<bool> RevokeAppPasswordAsync(Guid userId, Guid appPasswordId, CancellationToken cancellationToken = default);
}

public sealed record SecurityState(bool TwoFactorEnabled, int RecoveryCodesLeft, IReadOnlyList<AppPasswordInfo> AppPasswords);

public sealed record AppPasswordInfo(Guid Id, string Name, DateTime CreatedUtc, DateTime? LastUsedUtc);

public sealed record TwoFactorSetup(string SharedKey, string AuthenticatorUri);

/// <summary>A request about the account's own security that cannot be carried out (e.g. an app password without two-factor sign-in).</summary>
public sealed class AccountSecurityException(string message) : Exception(message);
