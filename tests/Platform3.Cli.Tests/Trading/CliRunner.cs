using Platform3.Tests.Shared;

namespace Platform3.Cli.Tests.Trading;

/// <summary>Runs the p3 command tree in-process and captures its output.</summary>
internal static class CliRunner
{
    public static (int Code, string Out, string Err) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        var code = CliApp.Run(args, o, e);
        return (code, o.ToString(), e.ToString());
    }

    public static string SimConfig => Path.Combine(SharedData.RepoRoot, "config", "simulation.yaml");
}
