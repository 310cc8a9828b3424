using System.Runtime.CompilerServices;
using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Population standard deviation (TA-Lib STDDEV with nbdev) or variance (TA-Lib VAR) of the last <c>period</c>
/// values, from shifted, periodically recomputed sums (see <see cref="Bollinger"/>). Ready after <c>period</c> values.
/// </summary>
public sealed class StdDev : ValueIndicator
{
    private RollingMoments _moments;

    public StdDev(int period = 5, double deviations = 1, PriceField field = PriceField.Close, bool variance = false)
        : base(variance ? SpecText.Of("var", field, period) : SpecText.Of("stddev", field, period, deviations), field, Require.Period(period),
            variance ? "var" : "stddev")
    {
        Period = period;
        Deviations = Require.Positive(deviations, nameof(deviations));
        IsVariance = variance;
        _moments = new RollingMoments(period);
    }

    public int Period { get; }
    public double Deviations { get; }
    public bool IsVariance { get; }

    public override Indicator Clone() => new StdDev(Period, Deviations, Field, IsVariance);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlines where the caller holds the sealed type
    protected override void OnValue(double value)
    {
        var variance = _moments.Push(value, out _);
        if (!IsReady) return;
        Set(IsVariance ? variance : Math.Sqrt(variance) * Deviations);
    }

    protected override void OnReset() => _moments.Clear();
}

/// <summary>
/// Rolling z-score: (x − mean)/σ over the last <c>period</c> values (population σ), 0 when σ is 0.
/// Causal: the window ends at the current value. Ready after <c>period</c> values.
/// </summary>
public sealed class ZScore : ValueIndicator
{
    private RollingMoments _moments;

    public ZScore(int period = 20, PriceField field = PriceField.Close)
        : base(SpecText.Of("zscore", field, period), field, Require.Period(period), "zscore")
    {
        Period = period;
        _moments = new RollingMoments(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new ZScore(Period, Field);

    protected override void OnValue(double value)
    {
        var sd = Math.Sqrt(_moments.Push(value, out _));
        if (!IsReady) return;
        Set(sd > 0 ? (value - _moments.Mean) / sd : 0.0);
    }

    protected override void OnReset() => _moments.Clear();
}

/// <summary>
/// Historical (close-to-close) volatility: the sample standard deviation of the last <c>period</c> log returns,
/// annualised by √periodsPerYear (252 for daily bars; 252·24 for H1; set it to match the timeframe).
/// A fraction (0.08 = 8 %). Ready after period+1 values.
/// </summary>
public sealed class HistoricalVolatility : ValueIndicator
{
    private RollingMoments _moments;
    private readonly double _scale;
    private double _previous;

    public HistoricalVolatility(int period = 20, double periodsPerYear = 252, PriceField field = PriceField.Close)
        : base(SpecText.Of("hv", field, period, periodsPerYear), field, Require.Period(period, min: 2) + 1, "hv")
    {
        Period = period;
        PeriodsPerYear = Require.Positive(periodsPerYear, nameof(periodsPerYear));
        _moments = new RollingMoments(period);
        // Population variance × n/(n−1) = sample variance.
        _scale = Math.Sqrt(periodsPerYear * period / (period - 1.0));
    }

    public int Period { get; }
    public double PeriodsPerYear { get; }

    public override Indicator Clone() => new HistoricalVolatility(Period, PeriodsPerYear, Field);

    protected override void OnValue(double value)
    {
        if (Samples > 1) _moments.Push(Math.Log(value / _previous), out _);
        _previous = value;
        if (IsReady) Set(_moments.StdDev * _scale);
    }

    protected override void OnReset()
    {
        _moments.Clear();
        _previous = 0;
    }
}
