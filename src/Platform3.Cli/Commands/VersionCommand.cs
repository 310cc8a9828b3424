using System.CommandLine;
using System.Reflection;

namespace Platform3.Cli.Commands;

internal static class VersionCommand
{
    public static Command Create()
    {
        var cmd = new Command("version", "Print the Platform3 version.");
        cmd.SetAction(r =>
        {
            r.InvocationConfiguration.Output.WriteLine(
                $"p3 {Assembly.GetExecutingAssembly().GetName().Version} (.NET {Environment.Version})");
            return 0;
        });
        return cmd;
    }
}
