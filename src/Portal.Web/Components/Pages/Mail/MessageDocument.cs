namespace Portal.Web.Components.Pages.Mail;

/// <summary>
/// The document shown in the reading pane's iframe: the sanitised body under a Content-Security-Policy that allows
/// no scripts, no connections and no remote loads (remote images only once the reader allows them). The iframe's
/// sandbox attribute forbids scripts as well.
/// </summary>
public static class MessageDocument
{
    public static string Build(string bodyHtml, bool allowRemoteImages)
    {
        var images = allowRemoteImages ? "data: https: http:" : "data:";
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" +
            $"<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src {images}; style-src 'unsafe-inline'; font-src data:; form-action 'none'\">" +
            "<base target=\"_blank\">" +
            "<style>body{font-family:Roboto,Helvetica,Arial,sans-serif;font-size:14px;margin:8px;overflow-wrap:anywhere}pre.portal-text{white-space:pre-wrap;font-family:inherit;margin:0}img{max-width:100%;height:auto}</style>" +
            "</head><body>" + bodyHtml + "</body></html>";
    }
}
