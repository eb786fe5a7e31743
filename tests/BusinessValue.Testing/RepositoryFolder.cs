namespace BusinessValue.Testing;

/// <summary>The repository's root folder (where BusinessValue.sln is), found from the test's output folder.</summary>
public static class RepositoryFolder
{
    public static string Root
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "BusinessValue.sln")))
                {
                    return folder.FullName;
                }
            }

            throw new InvalidOperationException("The repository root (BusinessValue.sln) was not found above the test folder.");
        }
    }
}
