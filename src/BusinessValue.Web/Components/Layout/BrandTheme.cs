using MudBlazor;

namespace BusinessValue.Web.Components.Layout;

/// <summary>The product's colours: a sober blue for trust, amber and red kept for warnings and leaks.</summary>
internal static class BrandTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1E4E8C",
            Secondary = "#0F7C6C",
            AppbarBackground = "#1E4E8C",
            AppbarText = "#FFFFFF",
            Background = "#F5F7FA",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7FA8E0",
            Secondary = "#4DB6A5",
            AppbarBackground = "#14233A",
            AppbarText = "#E6EDF7",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "240px" },
    };
}
