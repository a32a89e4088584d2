using Microsoft.AspNetCore.Components;
using Portal.Core.Security;
using Portal.Core.Tenancy;
using QRCoder;

namespace Portal.Web.Components.Pages.Settings;

/// <summary>The user's own account settings: password, two-factor sign-in with recovery codes, app passwords.</summary>
public sealed partial class SettingsPage
{
    private const string Issuer = "Portal";

    private Guid _userId;
    private string _address = string.Empty;
    private IReadOnlyList<string> _roles = [];
    private SecurityState? _state;
    private TwoFactorSetup? _setup;
    private string? _qrCode;
    private string _code = string.Empty;
    private bool _codeWrong;
    private IReadOnlyList<string>? _recoveryCodes;
    private string _currentPassword = string.Empty;
    private string _newPassword = string.Empty;
    private string _confirmPassword = string.Empty;
    private string? _passwordMessage;
    private bool _passwordOk;
    private string _appPasswordName = string.Empty;
    private string? _newAppPassword;

    [Inject]
    private CurrentAccount Account { get; set; } = default!;

    [Inject]
    private IServiceScopeFactory Scopes { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var (id, address, user) = await Account.GetAsync();
        _userId = id;
        _address = address;
        _roles = PortalRoles.All.Where(user.IsInRole).ToList();
        await ReloadAsync();
    }

    private static Dictionary<string, object> Attr(string testId) => new() { ["data-testid"] = testId };

    private async Task ReloadAsync() => _state = await WithSecurityAsync(s => s.GetStateAsync(_userId));

    private async Task ChangePasswordAsync()
    {
        if (_newPassword != _confirmPassword)
        {
            (_passwordOk, _passwordMessage) = (false, "The new passwords do not match.");
            return;
        }

        var errors = await WithSecurityAsync(s => s.ChangePasswordAsync(_userId, _currentPassword, _newPassword));
        (_passwordOk, _passwordMessage) = errors.Count == 0 ? (true, "Password changed.") : (false, string.Join(" ", errors));
        _currentPassword = _newPassword = _confirmPassword = string.Empty;
    }

    private async Task BeginTwoFactorAsync()
    {
        _setup = await WithSecurityAsync(s => s.BeginTwoFactorAsync(_userId, Issuer));
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(_setup.AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(5);
        _qrCode = "data:image/png;base64," + Convert.ToBase64String(png);
    }

    private async Task EnableTwoFactorAsync()
    {
        var codes = await WithSecurityAsync(s => s.EnableTwoFactorAsync(_userId, _code));
        _codeWrong = codes is null;
        if (codes is not null)
        {
            _recoveryCodes = codes;
            _setup = null;
            _code = string.Empty;
            await ReloadAsync();
        }
    }

    private async Task DoneWithCodesAsync()
    {
        _recoveryCodes = null;
        await ReloadAsync();
    }

    private async Task DisableTwoFactorAsync()
    {
        await WithSecurityAsync(async s =>
        {
            await s.DisableTwoFactorAsync(_userId);
            return true;
        });
        _newAppPassword = null;
        await ReloadAsync();
    }

    private async Task CreateAppPasswordAsync()
    {
        var (_, password) = await WithSecurityAsync(s => s.CreateAppPasswordAsync(_userId, _appPasswordName));
        _newAppPassword = password;
        _appPasswordName = string.Empty;
        await ReloadAsync();
    }

    private async Task RevokeAsync(Guid id)
    {
        await WithSecurityAsync(s => s.RevokeAppPasswordAsync(_userId, id));
        await ReloadAsync();
    }

    private async Task<T> WithSecurityAsync<T>(Func<IAccountSecurity, Task<T>> action)
    {
        await using var scope = Scopes.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<IAccountSecurity>());
    }
}
