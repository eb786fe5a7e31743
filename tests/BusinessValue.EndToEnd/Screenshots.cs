using BusinessValue.Testing;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>Saves screenshots under artifacts/screenshots at the repository root (ignored by git) for people to look at.</summary>
internal static class Screenshots
{
    public static async Task<string> SaveAsync(IPage page, string name)
    {
        var folder = Path.Combine(RepositoryFolder.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }
}
