using System.CommandLine;

namespace Platform3.Cli.Commands;

/// <summary>Every top-level command, in the order `p3 --help` lists them. Each area adds its own line.</summary>
internal static class CommandRegistry
{
    public static IEnumerable<Command> All(Func<ParseResult, CliContext> context)
    {
        yield return VersionCommand.Create();
        yield return DemoCommand.Create(context);
        yield return DataCommands.Create(context);
        yield return TaCommand.Create(context);
        yield return PatternsCommand.Create(context);
        yield return FeaturesCommands.Create(context);
        yield return TrainCommand.Create(context);
        yield return PredictCommand.Create(context);
        yield return ModelsCommands.Create(context);
        yield return ExperimentsCommands.Create(context);
        yield return DecideCommands.Create(context);
        yield return AuditCommands.Create(context);
        yield return HaltCommand.Create(context);
        yield return ResumeCommand.Create(context);
        yield return BacktestCommand.Create(context);
        yield return OptimizeCommand.Create(context);
        yield return WalkForwardCommand.Create(context);
        yield return LookaheadCommand.Create(context);
    }
}
