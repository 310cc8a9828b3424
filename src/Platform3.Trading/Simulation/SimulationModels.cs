using Platform3.Core.Calendar;

namespace Platform3.Trading.Simulation;

/// <summary>The pluggable models of the simulated broker, each behind its own interface.</summary>
public sealed record SimulationModels
{
    public IFillModel Fill { get; init; } = new StandardFillModel();
    public ISpreadModel Spread { get; init; } = FixedSpreadModel.Typical();
    public ISlippageModel Slippage { get; init; } = NoSlippage.Instance;
    public ICommissionModel Commission { get; init; } = NoCommission.Instance;
    public ISwapModel Swap { get; init; } = SwapTable.Zero();
    public IMarginModel Margin { get; init; } = new LeverageMarginModel();
    public ILatencyModel Latency { get; init; } = FixedLatencyModel.Zero;

    /// <summary>Frictionless except for the bid/ask spread: useful for hand-checked tests.</summary>
    public static SimulationModels Frictionless(double spreadPips = 0) => new()
    {
        Spread = new FixedSpreadModel(spreadPips),
    };

    /// <summary>
    /// Realistic retail defaults: typical spreads widened by session and volatility, 0.1 pip slippage on market
    /// and stop fills, $30 per million per side, swaps from the given table, 1:30 leverage with a 100% margin
    /// call and a 50% stop-out.
    /// </summary>
    public static SimulationModels Realistic(FxCalendar calendar, SwapTable swaps) => new()
    {
        Spread = new SessionVolatilitySpreadModel(FixedSpreadModel.Typical(), calendar),
        Slippage = new FixedSlippage(0.1),
        Commission = new PerMillionCommission(30m),
        Swap = swaps,
        Margin = new LeverageMarginModel(30m),
    };

    /// <summary>The models for one run: the ones that learn from bars replaced by fresh copies (a model serving two roles stays one object).</summary>
    internal SimulationModels ForRun()
    {
        if (Observers().Length == 0) return this;
        var fresh = new Dictionary<IBarObserver, IBarObserver>(ReferenceEqualityComparer.Instance);
        T Fresh<T>(T model) where T : class =>
            model is IBarObserver o ? (T)(fresh.TryGetValue(o, out var f) ? f : fresh[o] = o.NewRun()) : model;
        return this with
        {
            Fill = Fresh(Fill), Spread = Fresh(Spread), Slippage = Fresh(Slippage), Commission = Fresh(Commission),
            Swap = Fresh(Swap), Margin = Fresh(Margin), Latency = Fresh(Latency),
        };
    }

    /// <summary>The models that want to see every closed bar.</summary>
    internal IBarObserver[] Observers() =>
        new object[] { Fill, Spread, Slippage, Commission, Swap, Margin, Latency }.OfType<IBarObserver>().Distinct().ToArray();
}
