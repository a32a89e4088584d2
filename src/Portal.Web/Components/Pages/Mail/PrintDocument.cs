using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Portal.Core.Mail.Reading;

namespace Portal.Web.Components.Pages.Mail;

/// <summary>
/// A print-friendly page of one message: its headers and sanitised body, no portal chrome, and a script (allowed by
/// nonce only) that opens the print dialog. It is served with a <c>sandbox</c> CSP, so it runs in an opaque origin
/// with no access to the portal's cookies or pages.
/// </summary>
public static class PrintDocument
{
    public static (string Html, string ContentSecurityPolicy) Build(RenderedMessage message, bool allowRemoteImages)
    {
        ArgumentNullException.ThrowIfNull(message);
        var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
        var images = allowRemoteImages ? "data: https: http:" : "data:";
        var csp = $"sandbox allow-scripts allow-modals; default-src 'none'; script-src 'nonce-{nonce}'; img-src {images}; style-src 'unsafe-inline'; font-src data:; form-action 'none'; base-uri 'none'";
        var subject = string.IsNullOrEmpty(message.Subject) ? "(no subject)" : message.Subject;
        var html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" +
            $"<title>{Encode(subject)}</title>" +
            "<style>body{font-family:Roboto,Helvetica,Arial,sans-serif;font-size:12pt;margin:16px;overflow-wrap:anywhere}" +
            "h1{font-size:16pt;margin:0 0 8px}table.portal-print-headers{border-collapse:collapse;margin-bottom:12px}" +
            "table.portal-print-headers th{text-align:left;padding-right:12px;vertical-align:top}" +
            "hr{border:none;border-top:1px solid #999;margin:12px 0}pre.portal-text{white-space:pre-wrap;font-family:inherit;margin:0}img{max-width:100%;height:auto}</style>" +
            "</head><body>" +
            $"<h1 data-testid=\"print-subject\">{Encode(subject)}</h1><table class=\"portal-print-headers\">" +
            Row("From", message.From) + Row("To", message.To) + Row("Cc", message.Cc) +
            Row("Date", message.DateUtc?.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)) +
            Row("Attachments", string.Join(", ", message.Attachments.Select(a => a.FileName))) +
            "</table><hr><div data-testid=\"print-body\">" + message.BodyHtml + "</div>" +
            $"<script nonce=\"{nonce}\">window.addEventListener('load', function () {{ window.print(); }});</script>" +
            "</body></html>";
        return (html, csp);
    }

    private static string Row(string name, string? value) =>
        string.IsNullOrEmpty(value) ? string.Empty : $"<tr><th>{name}</th><td>{Encode(value)}</td></tr>";

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
