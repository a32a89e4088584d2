using Ganss.Xss;

namespace Portal.Core.Mail.Reading;

/// <summary>
/// Mail HTML made harmless: no scripts, event handlers, <c>javascript:</c> links, forms, frames, objects or styles
/// that position content over the page; remote images blocked unless allowed; <c>cid:</c> images replaced by the
/// message's own parts. The result is still shown in a sandboxed iframe with a strict CSP: two fences, not one.
/// </summary>
public static class MailHtmlSanitizer
{
    public static (string Html, int BlockedRemoteImages) Sanitize(string html, bool allowRemoteImages, IReadOnlyDictionary<string, string> inlineImages)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(inlineImages);
        var sanitizer = new HtmlSanitizer();
        foreach (var tag in new[] { "form", "input", "button", "select", "option", "textarea", "label", "fieldset", "legend" })
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        // Positioning lets a message draw over the reader's own interface.
        foreach (var property in new[] { "position", "z-index", "top", "left", "right", "bottom" })
        {
            sanitizer.AllowedCssProperties.Remove(property);
        }

        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("cid");
        sanitizer.AllowedSchemes.Add("data");
        var blocked = 0;
        sanitizer.FilterUrl += (_, e) =>
        {
            var url = e.SanitizedUrl ?? e.OriginalUrl;
            if (url.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase))
            {
                e.SanitizedUrl = null;
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is not AngleSharp.Dom.IElement element)
            {
                return;
            }

            if (element.LocalName == "a")
            {
                element.SetAttribute("target", "_blank");
                element.SetAttribute("rel", "noopener noreferrer");
            }

            if (element.LocalName != "img" || element.GetAttribute("src") is not { } src)
            {
                return;
            }

            if (src.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
            {
                if (inlineImages.TryGetValue(src[4..].Trim('<', '>'), out var data))
                {
                    element.SetAttribute("src", data);
                }
                else
                {
                    element.RemoveAttribute("src");
                }
            }
            else if (!src.StartsWith("data:image/", StringComparison.OrdinalIgnoreCase) && !allowRemoteImages)
            {
                // Tracking pixels and remote images load nothing until the reader allows them.
                element.RemoveAttribute("src");
                element.RemoveAttribute("srcset");
                element.SetAttribute("data-portal-blocked", "remote");
                blocked++;
            }
        };

        // Remote CSS backgrounds are remote loads too.
        if (!allowRemoteImages)
        {
            sanitizer.AllowedCssProperties.Remove("background-image");
            sanitizer.AllowedCssProperties.Remove("background");
            sanitizer.AllowedCssProperties.Remove("list-style-image");
            sanitizer.AllowedCssProperties.Remove("content");
        }

        var clean = sanitizer.Sanitize(html);
        return (clean, blocked);
    }
}
