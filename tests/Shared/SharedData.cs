namespace Platform3.Tests.Shared;

/// <summary>
/// Locates the read-only ../shared folder (real FX data and indicator references) beside the checkout.
/// Tests that need it call <see cref="RequireDir"/> inside a [SkippableFact], so a fresh clone without it
/// reports them as skipped with the reason instead of passing or failing.
/// </summary>
public static class SharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    public static string? RootDir => Root.Value;

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("P3_SHARED_DIR");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return Path.GetFullPath(env);
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform3.slnx")))
            {
                var shared = Path.Combine(dir.FullName, "..", "shared");
                return Directory.Exists(shared) ? Path.GetFullPath(shared) : null;
            }
            dir = dir.Parent;
        }
        return null;
    }

    /// <summary>The path of a folder or file under ../shared, or a skip with a clear reason when it is absent.</summary>
    public static string Require(string relative)
    {
        Skip.If(RootDir is null, "../shared is not beside this checkout (set P3_SHARED_DIR to point at it); real-data test skipped.");
        var path = Path.Combine(RootDir!, relative);
        Skip.IfNot(File.Exists(path) || Directory.Exists(path), $"../shared/{relative} is absent; real-data test skipped.");
        return path;
    }

    /// <summary>The repository root (the folder holding Platform3.slnx).</summary>
    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Platform3.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Platform3.slnx not found above the test binaries.");
        }
    }
}
