using System.Diagnostics;

namespace Platform3.AI.Experiments;

/// <summary>The current git commit of the working directory, when git and a repository are available.</summary>
public static class GitInfo
{
    public static string? CurrentCommit(string? directory = null)
    {
        try
        {
            var psi = new ProcessStartInfo("git", "rev-parse HEAD")
            {
                WorkingDirectory = directory ?? Environment.CurrentDirectory,
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            using var p = Process.Start(psi);
            if (p is null) return null;
            var output = p.StandardOutput.ReadToEnd().Trim();
            if (!p.WaitForExit(3000)) { p.Kill(); return null; }
            if (p.ExitCode != 0 || output.Length < 7) return null;
            using var status = Process.Start(new ProcessStartInfo("git", "status --porcelain --untracked-files=no")
            {
                WorkingDirectory = psi.WorkingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            });
            var dirty = status is not null && status.StandardOutput.ReadToEnd().Trim().Length > 0;
            status?.WaitForExit(3000);
            return dirty ? output + "+dirty" : output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // git is not installed
        }
    }
}
