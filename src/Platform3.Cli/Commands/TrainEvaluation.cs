using Platform3.AI.Training.Pipeline;

namespace Platform3.Cli.Commands;

/// <summary>The trading evaluation printed after training (filled in once the Trading layer provides it).</summary>
internal static class TrainEvaluation
{
    public static void Run(CliContext ctx, TrainingOutcome outcome, TextWriter o)
    {
    }
}
