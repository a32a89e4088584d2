using System.Diagnostics;

namespace Portal.Web.Mail;

/// <summary>
/// Activities around the webmail's server-side loads (folder tree, a page of the list, opening a message), so that a
/// trace or the webmail benchmark can tell server time from network and browser time.
/// </summary>
public static class WebmailTelemetry
{
    public const string SourceName = "Portal.Web.Mail";

    public const string LoadFolders = "webmail.load_folders";

    public const string LoadRows = "webmail.load_rows";

    public const string OpenMessage = "webmail.open_message";

    public static readonly ActivitySource Source = new(SourceName);
}
