using MudBlazor;

namespace Portal.Web.Components;

/// <summary>The portal's palette; components use its colour names, never literal colours.</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1565c0",
            Secondary = "#00897b",
            AppbarBackground = "#1565c0",
        },
    };
}
