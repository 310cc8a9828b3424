using System.CommandLine;
using System.Diagnostics;
using Platform3.MarketData.Storage;

namespace Platform3.Cli.Commands;

/// <summary>What the demo steps share: where the demo store is, its settings, and results handed from step to step.</summary>
internal sealed class DemoContext
{
    public required CliContext Cli { get; init; }
    /// <summary>The demo's own store (DATA_DIR/demo), so the demo never mixes synthetic bars into real data.</summary>
    public required string DemoDir { get; init; }
    public required BarStore Store { get; init; }
    public required int Seed { get; init; }
    public required DateTime FromUtc { get; init; }
    public required DateTime ToUtc { get; init; }
    public IReadOnlyList<string> Symbols { get; init; } = ["EURUSD", "GBPUSD", "USDJPY"];
    /// <summary>Results a step leaves for later steps (e.g. "import.reports").</summary>
    public Dictionary<string, object> Shared { get; } = new(StringComparer.Ordinal);
    public CliOutput Out => Cli.Out;
}

/// <summary>One demo step: a title and what it does. Steps run in order; a failing step stops the demo with its error.</summary>
internal sealed record DemoStep(string Title, Action<DemoContext> Run);

/// <summary>
/// <c>p3 demo</c>: the platform end to end on synthetic data, as a list of clearly separated steps.
/// Later areas append their steps (features, training, backtest, report) to <see cref="Steps"/>.
/// </summary>
internal static class DemoCommand
{
    public static IReadOnlyList<DemoStep> Steps =>
    [
        .. DemoMarketDataSteps.All,
        .. DecideDemoSteps.All,
    ];

    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("demo", "Run the platform end to end on synthetic data in DATA_DIR/demo: synthesise, import, resample, check quality, summarise.");
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic market (same seed, same demo).", DefaultValueFactory = _ => 42 };
        var months = new Option<int>("--months") { Description = "Months of M1 data to synthesise (1–24).", DefaultValueFactory = _ => 2 };
        cmd.Options.Add(seed);
        cmd.Options.Add(months);
        cmd.SetAction(r =>
        {
            var cli = context(r);
            var m = r.GetValue(months);
            if (m is < 1 or > 24) throw new Core.Errors.UsageException("--months must be between 1 and 24.");
            var demoDir = Path.Combine(cli.DataDir, "demo");
            // The demo owns this folder: start clean so every run shows the same thing.
            if (Directory.Exists(demoDir)) Directory.Delete(demoDir, recursive: true);
            Directory.CreateDirectory(demoDir);
            var from = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var ctx = new DemoContext
            {
                Cli = cli, DemoDir = demoDir, Store = BarStore.Open(demoDir), Seed = r.GetValue(seed), FromUtc = from, ToUtc = from.AddMonths(m),
            };
            var steps = Steps;
            var total = Stopwatch.StartNew();
            for (var i = 0; i < steps.Count; i++)
            {
                var sw = Stopwatch.StartNew();
                cli.Out.Step($"Step {i + 1}/{steps.Count}: {steps[i].Title}");
                steps[i].Run(ctx);
                cli.Out.Line($"   ({sw.Elapsed.TotalSeconds:0.0} s)");
            }
            cli.Out.Line($"Demo finished in {total.Elapsed.TotalSeconds:0.0} s. Its data is in {demoDir}.");
            return CliApp.Ok;
        });
        return cmd;
    }
}
