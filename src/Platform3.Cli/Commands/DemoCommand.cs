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
    /// <summary>Where the bars come from: a synthetic market, or the user's HistData files.</summary>
    public DemoSource Source { get; init; } = DemoSource.Synthetic;
    /// <summary>The folder searched (recursively) for HistData files when <see cref="Source"/> is HistData.</summary>
    public string? SourcePath { get; init; }
    /// <summary>The demo's span: set up front for synthetic data, from the imported bars for real data.</summary>
    public required DateTime FromUtc { get; set; }
    public required DateTime ToUtc { get; set; }
    public IReadOnlyList<string> Symbols { get; init; } = DemoCommand.DefaultSymbols;
    /// <summary>Results a step leaves for later steps (e.g. "import.reports").</summary>
    public Dictionary<string, object> Shared { get; } = new(StringComparer.Ordinal);
    public CliOutput Out => Cli.Out;
}

internal enum DemoSource { Synthetic, HistData }

/// <summary>One demo step: a title and what it does. Steps run in order; a failing step stops the demo with its error.</summary>
internal sealed record DemoStep(string Title, Action<DemoContext> Run);

/// <summary>
/// <c>p3 demo</c>: the platform end to end on synthetic data, as a list of clearly separated steps.
/// Later areas append their steps (features, training, backtest, report) to <see cref="Steps"/>.
/// </summary>
internal static class DemoCommand
{
    public static IReadOnlyList<DemoStep> Steps(DemoSource source) =>
    [
        .. DemoMarketDataSteps.For(source),
        .. DecideDemoSteps.All,
    ];

    public static readonly IReadOnlyList<string> DefaultSymbols = ["EURUSD", "GBPUSD", "USDJPY"];

    public static Command Create(Func<ParseResult, CliContext> context)
    {
        var cmd = new Command("demo",
            "Run the platform end to end in DATA_DIR/demo: get M1 data (synthetic by default, or your HistData files), import, resample, " +
            "check quality, train the model walk-forward, backtest it through the decision engine, report, audit, summarise.");
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic market and of training (same seed, same demo).", DefaultValueFactory = _ => 42 };
        var months = new Option<int>("--months") { Description = "Months of M1 data to synthesise (1–24; synthetic source only).", DefaultValueFactory = _ => 24 };
        var source = new Option<string>("--source") { Description = "synthetic (default) or histdata (HistData M1 files found under --path).", DefaultValueFactory = _ => "synthetic" };
        var path = new Option<string?>("--path") { Description = "Folder searched recursively for DAT_ASCII_<SYMBOL>_M1_*.csv[.gz] (with --source histdata)." };
        var symbols = new Option<string?>("--symbols") { Description = $"Comma-separated pairs (default {string.Join(',', DefaultSymbols)})." };
        cmd.Options.Add(seed);
        cmd.Options.Add(months);
        cmd.Options.Add(source);
        cmd.Options.Add(path);
        cmd.Options.Add(symbols);
        cmd.SetAction(r =>
        {
            var cli = context(r);
            var m = r.GetValue(months);
            if (m is < 1 or > 24) throw new Core.Errors.UsageException("--months must be between 1 and 24.");
            var kind = r.GetValue(source)?.Trim().ToLowerInvariant() switch
            {
                "synthetic" => DemoSource.Synthetic,
                "histdata" => DemoSource.HistData,
                var other => throw new Core.Errors.UsageException($"Unknown --source '{other}'. Valid: synthetic, histdata."),
            };
            var sourcePath = r.GetValue(path);
            if (kind == DemoSource.HistData && string.IsNullOrWhiteSpace(sourcePath))
                throw new Core.Errors.UsageException("--source histdata needs --path DIR (a folder holding DAT_ASCII_<SYMBOL>_M1_*.csv or .csv.gz files).");
            if (kind == DemoSource.HistData && !Directory.Exists(sourcePath))
                throw new Core.Errors.UsageException($"--path '{sourcePath}' is not a folder.");
            var pairs = ParseSymbols(cli, r.GetValue(symbols));
            var demoDir = Path.Combine(cli.DataDir, "demo");
            // The demo owns this folder: start clean so every run shows the same thing.
            if (Directory.Exists(demoDir)) Directory.Delete(demoDir, recursive: true);
            Directory.CreateDirectory(demoDir);
            var from = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var ctx = new DemoContext
            {
                Cli = cli, DemoDir = demoDir, Store = BarStore.Open(demoDir), Seed = r.GetValue(seed), FromUtc = from, ToUtc = from.AddMonths(m),
                Source = kind, SourcePath = sourcePath is null ? null : Path.GetFullPath(sourcePath), Symbols = pairs,
            };
            var steps = Steps(kind);
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

    private static IReadOnlyList<string> ParseSymbols(CliContext cli, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return DefaultSymbols;
        var list = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => x.ToUpperInvariant()).Distinct().ToArray();
        foreach (var symbol in list)
            if (!cli.Instruments.TryGet(symbol, out _))
                throw new Core.Errors.UsageException($"Unknown symbol '{symbol}' in --symbols. Known: {string.Join(", ", cli.Instruments.All.Select(i => i.Symbol))}.");
        if (list.Length == 0) throw new Core.Errors.UsageException("--symbols is empty.");
        return list;
    }
}
