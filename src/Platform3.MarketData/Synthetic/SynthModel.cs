using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Errors;

namespace Platform3.MarketData.Synthetic;

/// <summary>The two generators.</summary>
public enum SynthModel
{
    /// <summary>IID Gaussian log-returns at constant volatility and constant spread: the null model (nothing to predict).</summary>
    RandomWalk,
    /// <summary>Calm/trend/turbulent regimes, GARCH(1,1) volatility clustering, session seasonality, spreads that widen with volatility, thin liquidity and rollover, and week-open gaps.</summary>
    Regime,
}

public static class SynthModels
{
    public static SynthModel Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "randomwalk" or "random-walk" or "rw" => SynthModel.RandomWalk,
        "regime" => SynthModel.Regime,
        _ => throw new UsageException($"Unknown synthetic model '{text}'. Valid models: randomwalk, regime."),
    };
}

/// <summary>Knobs of the generator; the defaults give EURUSD about 7% annual volatility and a 0.8-pip typical spread.</summary>
public sealed record SynthOptions
{
    public FxCalendar Calendar { get; init; } = FxCalendar.Default;
    public InstrumentCatalog Instruments { get; init; } = InstrumentCatalog.Builtin;
    /// <summary>Annualised volatility of each currency's own factor (a USD pair gets about √2 times this).</summary>
    public double CurrencyVolatility { get; init; } = 0.05;
    /// <summary>Path points inside each minute used for the bar's high and low.</summary>
    public int StepsPerMinute { get; init; } = 4;
    /// <summary>Mean tick count per minute at normal liquidity (bar volume, and tick generation).</summary>
    public double TicksPerMinute { get; init; } = 40;
}
