using Platform3.Core.Calendar;
using Platform3.Core.Configuration;

namespace Platform3.Trading.Simulation;

/// <summary>
/// Reads the simulated broker's models from YAML (config/simulation.yaml). Every key is optional; unknown
/// keys and bad values are reported together with their lines. The swap table is read from the file named
/// by <c>swaps</c> (relative to the simulation file).
/// </summary>
public static class SimulationConfig
{
    public static SimulationModels Load(string path, FxCalendar calendar)
    {
        var root = YamlConfig.Load(path);
        root.AllowOnly("spread", "slippage", "commission", "latency_ms", "margin", "max_units_per_bar", "swaps");
        var models = new SimulationModels();

        var baseSpread = FixedSpreadModel.Typical();
        var spreadKind = "session";
        if (root.OptionalMap("spread") is { } spread)
        {
            spread.AllowOnly("model", "default_pips", "pips", "range_share");
            spreadKind = spread.OptionalOneOf("model", "session", "fixed", "session")!;
            var pips = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
            if (spread.OptionalMap("pips") is { } table)
                foreach (var (symbol, v) in table.Entries()) pips[symbol] = (double)v.AsDecimal(0m, 1000m);
            var typical = FixedSpreadModel.Typical();
            var fallback = spread.OptionalDouble("default_pips", typical.DefaultPips, 0, 1000);
            foreach (var i in Core.Domain.InstrumentCatalog.Builtin.All)
                if (!pips.ContainsKey(i.Symbol) && typical.PipsFor(i) != typical.DefaultPips) pips[i.Symbol] = typical.PipsFor(i);
            baseSpread = new FixedSpreadModel(fallback, pips);
            var share = spread.OptionalDouble("range_share", 0.05, 0, 10);
            models = models with
            {
                Spread = spreadKind == "fixed" ? baseSpread : new SessionVolatilitySpreadModel(baseSpread, calendar, share),
            };
        }
        else models = models with { Spread = new SessionVolatilitySpreadModel(baseSpread, calendar) };

        if (root.OptionalMap("slippage") is { } slip)
        {
            slip.AllowOnly("model", "pips", "range_share");
            var kind = slip.OptionalOneOf("model", "fixed", "none", "fixed", "volatility");
            models = models with
            {
                Slippage = kind switch
                {
                    "none" => NoSlippage.Instance,
                    "volatility" => new VolatilitySlippage(slip.OptionalDouble("range_share", 0.1, 0, 10)),
                    _ => new FixedSlippage(slip.OptionalDouble("pips", 0.1, 0, 1000)),
                },
            };
        }
        else models = models with { Slippage = new FixedSlippage(0.1) };

        if (root.OptionalMap("commission") is { } com)
        {
            com.AllowOnly("model", "amount");
            var kind = com.OptionalOneOf("model", "per_million", "none", "per_million", "per_lot");
            var amount = com.OptionalDecimal("amount", 30m, 0m, 1_000_000m);
            models = models with
            {
                Commission = kind switch
                {
                    "none" => NoCommission.Instance,
                    "per_lot" => new PerLotCommission(amount),
                    _ => new PerMillionCommission(amount),
                },
            };
        }
        else models = models with { Commission = new PerMillionCommission(30m) };

        var latency = root.OptionalDouble("latency_ms", 0, 0, 3_600_000);
        models = models with { Latency = new FixedLatencyModel(TimeSpan.FromMilliseconds(latency)) };
        var cap = root.OptionalDecimal("max_units_per_bar", 0m, 0m, 1e12m);
        models = models with { Fill = new StandardFillModel(cap) };

        if (root.OptionalMap("margin") is { } margin)
        {
            margin.AllowOnly("leverage", "pairs", "margin_call", "stop_out");
            var leverage = margin.OptionalDecimal("leverage", 30m, 0m, 10_000m, exclusiveMin: true);
            var call = margin.OptionalDouble("margin_call", 100, 0, 10_000);
            var stop = margin.OptionalDouble("stop_out", 50, 0, 10_000);
            if (stop > call) margin.Error("stop_out", $"{stop} must not be above margin_call {call}");
            var pairs = new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase);
            if (margin.OptionalMap("pairs") is { } table)
                foreach (var (symbol, v) in table.Entries()) pairs[symbol] = v.AsDecimal(0.0001m, 10_000m);
            if (stop <= call) models = models with { Margin = new LeverageMarginModel(leverage, pairs, call, stop) };
        }

        var swaps = root.OptionalString("swaps");
        root.Errors.ThrowIfAny();
        if (swaps is not null)
        {
            var swapPath = Path.IsPathRooted(swaps) ? swaps : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".", swaps);
            models = models with { Swap = SwapTable.Load(swapPath) };
        }
        return models;
    }
}
