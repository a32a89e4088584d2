namespace Portal.Web.Hosting;

/// <summary>
/// Finds <c>wwwroot-assets</c>: copied beside the binaries at build time, so the host serves it however it
/// is started (dotnet run, a test, a published folder).
/// </summary>
internal static class WebRoot
{
    public static string Locate() => Path.Combine(AppContext.BaseDirectory, "wwwroot");
}
