using System.CommandLine;
using Platform3.Core.Errors;
using Platform3.Trading.Research;

namespace Platform3.Cli.Commands;

/// <summary>Options of the parameter searches (optimize, walkforward).</summary>
internal sealed class ResearchOptions
{
    public Option<string[]> Grid { get; } = new("--grid") { Description = "Searched parameter: name=v1,v2 or name=start:stop:step (repeatable).", Required = true };
    public Option<string> Search { get; } = new("--search") { Description = "grid (every combination) or random.", DefaultValueFactory = _ => "grid" };
    public Option<int> Samples { get; } = new("--samples") { Description = "Combinations tried by random search.", DefaultValueFactory = _ => 50 };
    public Option<int> SearchSeed { get; } = new("--search-seed") { Description = "Seed of the random search.", DefaultValueFactory = _ => 1 };
    public Option<string> Objective { get; } = new("--objective") { Description = "What to maximise: sharpe, sortino, calmar, net-profit, cagr.", DefaultValueFactory = _ => "sharpe" };
    public Option<int> Parallel { get; } = new("--parallel") { Description = "Backtests run at once (results do not depend on it).", DefaultValueFactory = _ => 1 };
    public Option<string?> Out { get; } = new("--out") { Description = "Write the results as JSON to this file." };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Grid, Search, Samples, SearchSeed, Objective, Parallel, Out }) command.Options.Add(o);
    }

    public SearchMode Mode(ParseResult r) => r.GetValue(Search)!.Trim().ToLowerInvariant() switch
    {
        "grid" => SearchMode.Grid,
        "random" => SearchMode.Random,
        var s => throw new UsageException($"--search: '{s}' is not one of grid, random."),
    };

    public int SampleCount(ParseResult r) => r.GetValue(Samples) is var n and > 0 ? n : throw new UsageException("--samples must be positive.");
    public int Parallelism(ParseResult r) => Math.Clamp(r.GetValue(Parallel), 1, Environment.ProcessorCount);
}
