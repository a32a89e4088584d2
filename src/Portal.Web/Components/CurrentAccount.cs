using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;

namespace Portal.Web.Components;

/// <summary>The signed-in account of a circuit: its id (also its mailbox id) and address.</summary>
public sealed class CurrentAccount(AuthenticationStateProvider authentication)
{
    public async Task<(Guid Id, string Address, ClaimsPrincipal User)> GetAsync()
    {
        var state = await authentication.GetAuthenticationStateAsync().ConfigureAwait(false);
        var user = state.User;
        var id = Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var parsed) ? parsed : Guid.Empty;
        return (id, user.Identity?.Name ?? string.Empty, user);
    }
}
