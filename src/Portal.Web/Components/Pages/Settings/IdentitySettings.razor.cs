using Microsoft.AspNetCore.Components;
using Portal.Core.Mail.Compose;

namespace Portal.Web.Components.Pages.Settings;

/// <summary>The display name used in the From header of mail sent from the web, and the signature the composer inserts.</summary>
public sealed partial class IdentitySettings
{
    private bool _loaded;
    private Guid _mailboxId;
    private string? _displayName;
    private string? _signature;
    private bool _signatureIsHtml;
    private string? _preview;
    private string? _message;
    private bool _saved;

    [Inject]
    private CurrentAccount Account { get; set; } = default!;

    [Inject]
    private IMailIdentities Identities { get; set; } = default!;

    [Inject]
    private ILogger<IdentitySettings> Logger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        (_mailboxId, _, _) = await Account.GetAsync();
        if (await Identities.GetAsync(_mailboxId) is { } identity)
        {
            Show(identity);
            _loaded = true;
        }
    }

    private static Dictionary<string, object> Attr(string testId) => new() { ["data-testid"] = testId };

    private void Show(MailIdentity identity)
    {
        _displayName = identity.DisplayName;
        _signature = identity.Signature;
        _signatureIsHtml = identity.SignatureIsHtml;

        // Sanitized by the compose policy: the preview shows exactly what recipients get, and runs nothing.
        _preview = identity.SignatureIsHtml ? identity.SignatureHtml : null;
    }

    private async Task SaveAsync()
    {
        try
        {
            await Identities.SetAsync(_mailboxId, _displayName, _signature, _signatureIsHtml);
            Show((await Identities.GetAsync(_mailboxId))!);
            (_saved, _message) = (true, "Saved.");
        }
        catch (ArgumentException ex)
        {
            (_saved, _message) = (false, ex.Message);
            IdentityLog.Refused(Logger, _mailboxId, ex.Message);
        }
    }
}
