using System.CommandLine;
using System.Globalization;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.MarketData.Synthetic;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Simulation;
using Platform3.Trading.Strategies;

namespace Platform3.Cli.Commands;

/// <summary>The options every strategy-running command shares (backtest, optimize, walkforward, lookahead).</summary>
internal sealed class BacktestOptions
{
    public Option<string> Strategy { get; } = new("--strategy")
    {
        Description = "Strategy to run: " + string.Join(", ", StrategyCatalog.All.Select(d => d.Name)) + ".",
        Required = true,
    };
    public Option<string> Symbols { get; } = new("--symbols") { Description = "Comma-separated pairs, e.g. EURUSD,GBPUSD.", Required = true };
    public Option<string> Timeframe { get; } = new("--timeframe") { Description = "Strategy timeframe (M1..D1).", DefaultValueFactory = _ => "M5" };
    public Option<string?> DataTimeframe { get; } = new("--data-timeframe") { Description = "Feed timeframe (default: the finest available that divides --timeframe; M1 for synthetic)." };
    public Option<string?> From { get; } = new("--from") { Description = "First day, YYYY-MM-DD (UTC)." };
    public Option<string?> To { get; } = new("--to") { Description = "Last day, YYYY-MM-DD (UTC, inclusive)." };
    public Option<string[]> Params { get; } = new("--param") { Description = "Strategy parameter name=value (repeatable).", AllowMultipleArgumentsPerToken = false };
    public Option<string?> ParamsFile { get; } = new("--params") { Description = "YAML file of strategy parameters (--param overrides it)." };
    public Option<decimal> Balance { get; } = new("--balance") { Description = "Initial balance.", DefaultValueFactory = _ => 100_000m };
    public Option<string> AccountCurrency { get; } = new("--account-currency") { Description = "Account currency.", DefaultValueFactory = _ => "USD" };
    public Option<string> Mode { get; } = new("--mode") { Description = "Position mode: netting or hedging.", DefaultValueFactory = _ => "netting" };
    public Option<string> Source { get; } = new("--source") { Description = "Data source: store (the data directory) or synthetic.", DefaultValueFactory = _ => "store" };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the synthetic market.", DefaultValueFactory = _ => 1 };
    public Option<string> SynthModel { get; } = new("--synth-model") { Description = "Synthetic model: regime or randomwalk.", DefaultValueFactory = _ => "regime" };
    public Option<string?> Sim { get; } = new("--sim") { Description = "Simulated broker config (default: config/simulation.yaml)." };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Strategy, Symbols, Timeframe, DataTimeframe, From, To, Params, ParamsFile, Balance, AccountCurrency, Mode, Source, Seed, SynthModel, Sim })
            command.Options.Add(o);
    }

    public static DateTime? Day(string? text, string option, bool endOfDay)
    {
        if (text is null) return null;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            throw new UsageException($"{option}: expected a date as YYYY-MM-DD, got '{text}'.");
        var t = d.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        return endOfDay ? t.AddDays(1) : t;
    }

    public StrategyParameters Parameters(ParseResult r)
    {
        var file = r.GetValue(ParamsFile);
        var fromFile = file is null ? new StrategyParameters() : StrategyParameters.Load(file);
        return fromFile.Merge(StrategyParameters.Parse(r.GetValue(Params) ?? []));
    }

    public DataRequest Data(ParseResult r, CliContext context)
    {
        var from = Day(r.GetValue(From), "--from", false);
        var to = Day(r.GetValue(To), "--to", true);
        if (from is not null && to is not null && to <= from) throw new UsageException("--to must not be before --from.");
        var dataTf = r.GetValue(DataTimeframe);
        return new DataRequest
        {
            Symbols = (r.GetValue(Symbols) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => context.Instruments.Get(s).Symbol).ToArray(),
            StrategyTimeframe = Core.Domain.Timeframe.Parse(r.GetValue(Timeframe)!),
            DataTimeframe = dataTf is null ? null : Core.Domain.Timeframe.Parse(dataTf),
            FromUtc = from,
            ToUtc = to,
            AccountCurrency = Currency(r),
            Source = r.GetValue(Source)!.ToLowerInvariant() switch
            {
                "store" => DataSource.Store,
                "synthetic" => DataSource.Synthetic,
                var s => throw new UsageException($"--source: '{s}' is not one of store, synthetic."),
            },
            DataDir = context.DataDir,
            Seed = r.GetValue(Seed),
            SynthModel = SynthModels.Parse(r.GetValue(SynthModel)!),
        };
    }

    public Currency Currency(ParseResult r)
    {
        var code = r.GetValue(AccountCurrency)!.Trim().ToUpperInvariant();
        return Core.Domain.Currency.TryParse(code, out var c) ? c
            : throw new UsageException($"--account-currency: expected a three-letter code such as USD, got '{code}'.");
    }

    public BacktestRequest Request(ParseResult r, CliContext context, SimulationModels models, bool diagnostics = false) => new()
    {
        Strategy = StrategyCatalog.Get(r.GetValue(Strategy)!).Name,
        Parameters = Parameters(r),
        Timeframe = Core.Domain.Timeframe.Parse(r.GetValue(Timeframe)!),
        Balance = r.GetValue(Balance) is var b && b > 0 ? b : throw new UsageException("--balance must be positive."),
        AccountCurrency = Currency(r),
        PositionMode = r.GetValue(Mode)!.ToLowerInvariant() switch
        {
            "netting" => PositionMode.Netting,
            "hedging" => PositionMode.Hedging,
            var m => throw new UsageException($"--mode: '{m}' is not one of netting, hedging."),
        },
        Models = models,
        Diagnostics = diagnostics,
    };

    public SimulationModels Models(ParseResult r, CliContext context)
    {
        var path = r.GetValue(Sim);
        if (path is not null && !File.Exists(path)) throw new UsageException($"Simulation config not found: {path}");
        return path is null ? ConfiguredModels(context) : SimulationConfig.Load(path, context.Calendar);
    }

    /// <summary>The simulation every command uses by default: config/simulation.yaml, else the realistic models with config/swaps.yaml.</summary>
    public static SimulationModels ConfiguredModels(CliContext context)
    {
        var path = Path.Combine(context.ConfigDir, "simulation.yaml");
        if (File.Exists(path)) return SimulationConfig.Load(path, context.Calendar);
        var swaps = Path.Combine(context.ConfigDir, "swaps.yaml");
        return SimulationModels.Realistic(context.Calendar, File.Exists(swaps) ? SwapTable.Load(swaps) : SwapTable.Zero());
    }
}
