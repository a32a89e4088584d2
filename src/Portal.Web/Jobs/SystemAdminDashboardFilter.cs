using Hangfire.Dashboard;
using Portal.Core.Tenancy;

namespace Portal.Web.Jobs;

/// <summary>The Hangfire dashboard is for SystemAdmins only.</summary>
internal sealed class SystemAdminDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        context.GetHttpContext().User.IsInRole(PortalRoles.SystemAdmin);
}
