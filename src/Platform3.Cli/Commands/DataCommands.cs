using System.CommandLine;

namespace Platform3.Cli.Commands;

/// <summary><c>p3 data</c>: import, inspect, check, resample, export and synthesise market data.</summary>
internal static class DataCommands
{
    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var data = new Command("data", "Market data: import files, list and inspect the store, check quality, resample, export, synthesise.");
        data.Subcommands.Add(DataImportCommand.Create(context));
        data.Subcommands.Add(DataListCommand.Create(context));
        data.Subcommands.Add(DataInfoCommand.Create(context));
        data.Subcommands.Add(DataQualityCommand.Create(context));
        data.Subcommands.Add(DataResampleCommand.Create(context));
        data.Subcommands.Add(DataExportCommand.Create(context));
        data.Subcommands.Add(DataSynthCommand.Create(context));
        return data;
    }
}
