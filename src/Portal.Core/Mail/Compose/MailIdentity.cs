using System.Globalization;

namespace Portal.Core.Mail.Compose;

/// <summary>How a mailbox signs the mail it sends from the web: the From display name and an optional signature.</summary>
public sealed record MailIdentity(string Address, string? DisplayName, string? Signature, bool SignatureIsHtml)
{
    public const int MaxDisplayNameLength = 200;
    public const int MaxSignatureLength = 10_000;

    /// <summary>The signature as compose HTML (sanitized, or plain text made HTML), or null when there is none.</summary>
    public string? SignatureHtml => string.IsNullOrWhiteSpace(Signature) ? null
        : SignatureIsHtml ? ComposeHtml.Sanitize(Signature) : ComposeHtml.FromText(Signature);

    /// <summary>The signature as plain text, or null when there is none.</summary>
    public string? SignatureText => string.IsNullOrWhiteSpace(Signature) ? null
        : SignatureIsHtml ? ComposeHtml.ToText(ComposeHtml.Sanitize(Signature)) : Signature.ReplaceLineEndings("\n").TrimEnd();

    /// <summary>Why the values cannot be saved, or null when they can.</summary>
    public static string? Validate(string? displayName, string? signature)
    {
        if (displayName is { Length: > MaxDisplayNameLength })
        {
            return $"The display name is longer than {MaxDisplayNameLength} characters.";
        }

        if (displayName is not null && displayName.Any(char.IsControl))
        {
            return "The display name cannot contain line breaks or control characters.";
        }

        return signature is { Length: > MaxSignatureLength } ? string.Create(CultureInfo.InvariantCulture, $"The signature is longer than {MaxSignatureLength:N0} characters.") : null;
    }
}
