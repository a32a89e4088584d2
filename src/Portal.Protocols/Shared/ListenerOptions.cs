using System.ComponentModel.DataAnnotations;

namespace Portal.Protocols.Shared;

/// <summary>One TCP listener of a protocol.</summary>
public sealed class ListenerOptions
{
    [Range(1, 65535)]
    public int Port { get; set; }

    public bool Enabled { get; set; } = true;
}
