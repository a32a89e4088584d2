using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Security;
using Portal.Data.Identity;
using Portal.Data.Stores;

namespace Portal.Web.Account;

/// <summary>Cookie sign-in for the portal. The password is checked by the same credential service every protocol uses.</summary>
public static partial class AccountExtensions
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string SignInPath = "/account/signin";
    public const string TwoFactorPath = "/account/two-factor";
    public const string TwoFactorSignInPath = "/account/signin-two-factor";

    public static WebApplicationBuilder AddPortalAccount(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        new IdentityBuilder(typeof(PortalUser), typeof(IdentityRole<Guid>), builder.Services).AddSignInManager();
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = LoginPath;
            o.LogoutPath = LogoutPath;
            o.AccessDeniedPath = LoginPath;
            o.Cookie.Name = "portal.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
        });
        builder.Services.AddAuthorization();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    public static WebApplication UsePortalAccount(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    public static WebApplication MapPortalAccount(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(SignInPath, LoginAsync);
        app.MapPost(TwoFactorSignInPath, TwoFactorAsync);
        app.MapPost(LogoutPath, async (HttpContext context, IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.BadRequest();
            }

            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return Results.LocalRedirect(LoginPath);
        });
        return app;
    }

    private static async Task<IResult> LoginAsync(
        HttpContext context,
        [FromForm(Name = "username")] string? userName,
        [FromForm(Name = "password")] string? password,
        [FromForm(Name = "returnUrl")] string? returnUrl,
        ICredentialService credentials,
        SignInManager<PortalUser> signIn,
        ILoggerFactory loggers)
    {
        var back = SafeReturnUrl(returnUrl);
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return Results.LocalRedirect(ErrorUrl("missing", back));
        }

        var result = await credentials.VerifyAsync(userName, password, context.Connection.RemoteIpAddress, CredentialService.WebProtocol, context.RequestAborted);

        // App passwords are for mail clients; the portal wants the account password.
        if (!result.Succeeded || result.ViaAppPassword || result.Address is null)
        {
            var code = result.Outcome switch
            {
                CredentialOutcome.LockedOut => "locked",
                CredentialOutcome.Throttled => "throttled",
                CredentialOutcome.Disabled => "disabled",
                _ => "invalid",
            };
            return Results.LocalRedirect(ErrorUrl(code, back));
        }

        var user = await signIn.UserManager.FindByNameAsync(result.Address);
        if (user is null)
        {
            return Results.LocalRedirect(ErrorUrl("invalid", back));
        }

        if (user.TwoFactorEnabled)
        {
            // Identity keeps the half-done sign-in in its two-factor cookie until the code is given.
            var half = await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
            return half.RequiresTwoFactor
                ? Results.LocalRedirect($"{TwoFactorPath}?returnUrl={Uri.EscapeDataString(back)}")
                : Results.LocalRedirect(ErrorUrl("invalid", back));
        }

        await signIn.SignInAsync(user, isPersistent: false);
        LogSignedIn(loggers.CreateLogger(typeof(AccountExtensions)), result.Address, context.Connection.RemoteIpAddress?.ToString());
        return Results.LocalRedirect(back);
    }

    private static async Task<IResult> TwoFactorAsync(
        HttpContext context,
        [FromForm(Name = "code")] string? code,
        [FromForm(Name = "recoveryCode")] string? recoveryCode,
        [FromForm(Name = "returnUrl")] string? returnUrl,
        SignInManager<PortalUser> signIn,
        ILoggerFactory loggers)
    {
        var back = SafeReturnUrl(returnUrl);
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            // The two-factor cookie expired or never existed: start again.
            return Results.LocalRedirect(ErrorUrl("expired", back));
        }

        Microsoft.AspNetCore.Identity.SignInResult result;
        if (!string.IsNullOrWhiteSpace(recoveryCode))
        {
            result = await signIn.TwoFactorRecoveryCodeSignInAsync(recoveryCode.Replace(" ", string.Empty, StringComparison.Ordinal));
        }
        else
        {
            var clean = (code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
            result = await signIn.TwoFactorAuthenticatorSignInAsync(clean, isPersistent: false, rememberClient: false);
        }

        if (!result.Succeeded)
        {
            var error = result.IsLockedOut ? "locked" : "code";
            return Results.LocalRedirect($"{TwoFactorPath}?error={error}&returnUrl={Uri.EscapeDataString(back)}");
        }

        LogSignedIn(loggers.CreateLogger(typeof(AccountExtensions)), user.UserName ?? string.Empty, context.Connection.RemoteIpAddress?.ToString());
        return Results.LocalRedirect(back);
    }

    private static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    private static string ErrorUrl(string code, string returnUrl) =>
        $"{LoginPath}?error={code}&returnUrl={Uri.EscapeDataString(returnUrl)}";

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Web: {Address} signed in from {Remote}")]
    private static partial void LogSignedIn(ILogger logger, string address, string? remote);
}
