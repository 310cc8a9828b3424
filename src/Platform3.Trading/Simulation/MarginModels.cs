using Platform3.Core.Domain;

namespace Platform3.Trading.Simulation;

/// <summary>Leverage per pair (with a default), plus the margin-call and stop-out levels in percent.</summary>
public sealed class LeverageMarginModel : IMarginModel
{
    private readonly Dictionary<string, decimal> _bySymbol;

    public LeverageMarginModel(decimal defaultLeverage = 30m, IReadOnlyDictionary<string, decimal>? bySymbol = null,
        double marginCallLevel = 100, double stopOutLevel = 50)
    {
        if (defaultLeverage <= 0) throw new ArgumentOutOfRangeException(nameof(defaultLeverage), "leverage must be positive");
        if (stopOutLevel < 0 || marginCallLevel < stopOutLevel)
            throw new ArgumentOutOfRangeException(nameof(marginCallLevel), "need 0 ≤ stop-out level ≤ margin-call level");
        DefaultLeverage = defaultLeverage;
        _bySymbol = new Dictionary<string, decimal>(bySymbol ?? new Dictionary<string, decimal>(), StringComparer.OrdinalIgnoreCase);
        foreach (var (k, v) in _bySymbol)
            if (v <= 0) throw new ArgumentOutOfRangeException(nameof(bySymbol), $"leverage for {k} must be positive");
        MarginCallLevel = marginCallLevel;
        StopOutLevel = stopOutLevel;
    }

    public decimal DefaultLeverage { get; }
    public double MarginCallLevel { get; }
    public double StopOutLevel { get; }

    public decimal Leverage(Instrument instrument) => _bySymbol.TryGetValue(instrument.Symbol, out var l) ? l : DefaultLeverage;
}
