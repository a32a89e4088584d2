using System.ComponentModel.DataAnnotations;

namespace Portal.Core.Devices;

public sealed class DeviceRegistryOptions
{
    public const string SectionName = "Portal:Devices";

    /// <summary>How often pending device activity is written to the database.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(15);
}
