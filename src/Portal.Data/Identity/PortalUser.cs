using Microsoft.AspNetCore.Identity;

namespace Portal.Data.Identity;

/// <summary>
/// A sign-in account. Its user name is its address. When the account has a mailbox, the mailbox row shares
/// its id; a SystemAdmin or reseller account may have none.
/// </summary>
public sealed class PortalUser : IdentityUser<Guid>
{
    public Guid? ResellerId { get; set; }
    public DateTime CreatedUtc { get; set; }
}
