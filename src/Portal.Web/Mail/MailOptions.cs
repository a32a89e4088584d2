using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Mail;

/// <summary>Webmail settings.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Portal:Mail";

    /// <summary>Largest single attachment a user may upload when composing.</summary>
    [Range(1024, 1L << 31)]
    public long MaxAttachmentBytes { get; set; } = 25 * 1024 * 1024;
}
