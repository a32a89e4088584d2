using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Portal.Protocols.Shared;

/// <summary>
/// The ports of the TCP protocols (<c>Portal:Protocols:&lt;Name&gt;:Port</c>). The defaults suit a non-root run;
/// a production install maps them to 25, 587, 465, 143, 993, 110, 995, 5222 and 5223.
/// </summary>
public sealed class ProtocolListenersOptions : IValidatableObject
{
    public const string SectionName = "Portal:Protocols";

    /// <summary>The address the protocol listeners bind to.</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    public ListenerOptions Smtp { get; set; } = new() { Port = 2525 };
    public ListenerOptions Submission { get; set; } = new() { Port = 2587 };
    public ListenerOptions Smtps { get; set; } = new() { Port = 2465 };
    public ListenerOptions Imap { get; set; } = new() { Port = 2143 };
    public ListenerOptions Imaps { get; set; } = new() { Port = 2993 };
    public ListenerOptions Pop3 { get; set; } = new() { Port = 2110 };
    public ListenerOptions Pop3s { get; set; } = new() { Port = 2995 };
    public ListenerOptions Xmpp { get; set; } = new() { Port = 5222 };
    public ListenerOptions Xmpps { get; set; } = new() { Port = 5223 };

    public IEnumerable<(string Name, ListenerOptions Listener)> All()
    {
        yield return (nameof(Smtp), Smtp);
        yield return (nameof(Submission), Submission);
        yield return (nameof(Smtps), Smtps);
        yield return (nameof(Imap), Imap);
        yield return (nameof(Imaps), Imaps);
        yield return (nameof(Pop3), Pop3);
        yield return (nameof(Pop3s), Pop3s);
        yield return (nameof(Xmpp), Xmpp);
        yield return (nameof(Xmpps), Xmpps);
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IPAddress.TryParse(BindAddress, out _))
        {
            yield return new ValidationResult($"Portal:Protocols:BindAddress '{BindAddress}' is not an IP address.", [nameof(BindAddress)]);
        }

        foreach (var (name, listener) in All())
        {
            if (listener.Port is < 1 or > 65535)
            {
                yield return new ValidationResult($"Portal:Protocols:{name}:Port must be 1-65535.", [name]);
            }
        }

        var clashes = All().Where(l => l.Listener.Enabled).GroupBy(l => l.Listener.Port).Where(g => g.Count() > 1);
        foreach (var clash in clashes)
        {
            yield return new ValidationResult($"Port {clash.Key} is given to {string.Join(" and ", clash.Select(c => c.Name))}.");
        }
    }
}
