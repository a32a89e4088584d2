using System.Net;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Portal.Core.Mail.Compose;

/// <summary>
/// The HTML that the compose editor may send: a small set of formatting tags, links to http(s) and mailto, nothing
/// else (no scripts, handlers, styles, images or forms). Also the two conversions of the plain-text switch.
/// </summary>
public static class ComposeHtml
{
    private static readonly string[] Tags =
    [
        "p", "div", "br", "span", "b", "strong", "i", "em", "u", "s", "strike", "ul", "ol", "li", "a",
        "blockquote", "pre", "code", "h1", "h2", "h3", "hr",
    ];

    private static readonly HashSet<string> Blocks = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "ul", "ol", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "tr",
    };

    /// <summary>Cleans editor (or quoted) HTML down to the compose policy; <paramref name="removed"/> counts what was dropped.</summary>
    public static string Sanitize(string html, out int removed)
    {
        ArgumentNullException.ThrowIfNull(html);
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedTags.Clear();
        sanitizer.AllowedTags.UnionWith(Tags);
        sanitizer.AllowedAttributes.Clear();
        sanitizer.AllowedAttributes.UnionWith(["href", "title"]);
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowedClasses.Clear();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        sanitizer.AllowDataAttributes = false;
        sanitizer.KeepChildNodes = true;

        // Active content goes whole (a script's text is not kept as text); other unknown wrappers (font, center) keep
        // their children.
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        var count = 0;
        foreach (var element in document.Body!.QuerySelectorAll("*").Where(e => IsActive(e.LocalName)).ToList())
        {
            element.Remove();
            count++;
        }

        sanitizer.RemovingAttribute += (_, e) =>
        {
            if (e.Attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
            {
                count++;
            }
        };
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is IElement { LocalName: "a" } link)
            {
                link.SetAttribute("rel", "noopener noreferrer");
            }
        };
        var clean = sanitizer.Sanitize(document.Body.InnerHtml);
        removed = count;
        return clean;
    }

    public static string Sanitize(string html) => Sanitize(html, out _);

    /// <summary>The text/plain rendering of compose HTML: paragraphs as lines, lists with markers, quotes with "> ", links with their address.</summary>
    public static string ToText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var document = new HtmlParser().ParseDocument("<body>" + html + "</body>");
        var builder = new StringBuilder();
        Render(document.Body!, builder);

        // Trailing spaces go, except in the signature separator "-- " (RFC 3676 §4.3).
        var lines = builder.ToString().Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n')
            .Select(l => l == "-- " ? l : l.TrimEnd()).ToList();

        // At most one blank line in a row, none at either end.
        var result = new List<string>();
        foreach (var line in lines)
        {
            if (line.Length == 0 && (result.Count == 0 || result[^1].Length == 0))
            {
                continue;
            }

            result.Add(line);
        }

        while (result.Count > 0 && result[^1].Length == 0)
        {
            result.RemoveAt(result.Count - 1);
        }

        return string.Join('\n', result);
    }

    /// <summary>Plain text as simple HTML: one block per line, quoted lines ("> ") as blockquotes.</summary>
    public static string FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder();
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var index = 0;
        while (index < lines.Length)
        {
            if (lines[index].StartsWith('>'))
            {
                var quoted = new List<string>();
                while (index < lines.Length && lines[index].StartsWith('>'))
                {
                    var line = lines[index++][1..];
                    quoted.Add(line.StartsWith(' ') ? line[1..] : line);
                }

                builder.Append("<blockquote>").Append(FromText(string.Join('\n', quoted))).Append("</blockquote>");
                continue;
            }

            var content = lines[index++];
            builder.Append("<div>").Append(content.Length == 0 ? "<br>" : WebUtility.HtmlEncode(content)).Append("</div>");
        }

        return builder.ToString();
    }

    private static bool IsActive(string tag) => tag is "script" or "style" or "iframe" or "frame" or "object" or "embed" or "form"
        or "input" or "button" or "textarea" or "select" or "img" or "svg" or "math" or "video" or "audio" or "link" or "meta"
        or "base" or "template" or "noscript" or "title" or "head";

    private static void Render(INode node, StringBuilder output)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    output.Append(CollapseWhitespace(text.Data));
                    break;
                case IElement element:
                    RenderElement(element, output);
                    break;
            }
        }
    }

    private static void RenderElement(IElement element, StringBuilder output)
    {
        var tag = element.LocalName;
        switch (tag)
        {
            case "br":
                output.Append('\n');
                return;
            case "hr":
                NewLine(output);
                output.Append("----------\n");
                return;
            case "script" or "style" or "head" or "title":
                return;
            case "pre":
                NewLine(output);
                output.Append(element.TextContent).Append('\n');
                return;
            case "blockquote":
                {
                    NewLine(output);
                    var inner = new StringBuilder();
                    Render(element, inner);
                    foreach (var line in ToText(inner.ToString().Replace("\n", "<br>", StringComparison.Ordinal)).Split('\n'))
                    {
                        output.Append(line.Length == 0 ? ">" : "> " + line).Append('\n');
                    }

                    return;
                }

            case "li":
                {
                    NewLine(output);
                    var ordered = element.ParentElement?.LocalName == "ol";
                    var number = element.ParentElement?.Children.Where(c => c.LocalName == "li").ToList().IndexOf(element) + 1 ?? 1;
                    output.Append(ordered ? $"{number}. " : "- ");
                    Render(element, output);
                    output.Append('\n');
                    return;
                }

            case "a":
                {
                    var before = output.Length;
                    Render(element, output);
                    var label = output.ToString(before, output.Length - before).Trim();
                    var href = element.GetAttribute("href");
                    if (!string.IsNullOrEmpty(href) && !href.Equals(label, StringComparison.OrdinalIgnoreCase)
                        && !href.Equals("mailto:" + label, StringComparison.OrdinalIgnoreCase))
                    {
                        output.Append(" <").Append(href).Append('>');
                    }

                    return;
                }
        }

        var block = Blocks.Contains(tag);
        if (block)
        {
            NewLine(output);
        }

        Render(element, output);
        if (block)
        {
            NewLine(output);
            if (tag is "p" or "h1" or "h2" or "h3")
            {
                output.Append('\n');
            }
        }
    }

    private static void NewLine(StringBuilder output)
    {
        if (output.Length > 0 && output[^1] != '\n')
        {
            output.Append('\n');
        }
    }

    private static string CollapseWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\n' or '\r')
            {
                if (!space)
                {
                    builder.Append(' ');
                }

                space = true;
            }
            else
            {
                builder.Append(c == '\u00a0' ? ' ' : c);
                space = false;
            }
        }

        return builder.ToString();
    }
}
