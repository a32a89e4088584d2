using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Hosting;

/// <summary>The top-level settings: where the server keeps its files.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>Database file (SQLite), blobs, TLS certificate and keys live here. Relative paths are resolved against the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "./data";

    public string DataDirectoryFullPath => Path.GetFullPath(DataDirectory);
}
