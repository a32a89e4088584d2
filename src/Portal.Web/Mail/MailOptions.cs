using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Mail;

/// <summary>Webmail settings.</summary>
public sealed class MailOptions
{
    public const string SectionName = "Portal:Mail";

    /// <summary>Largest single attachment a user may upload when composing.</summary>
    [Range(1024, 1L << 31)]
    public long MaxAttachmentBytes { get; set; } = 25 * 1024 * 1024;

    /// <summary>How long after the last change the composer saves its draft to Drafts (it also saves on leaving the page).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan DraftAutosaveDelay { get; set; } = TimeSpan.FromSeconds(3);
}
