using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Ulcer index: R = 100·(C − max C over the last <c>period</c> closes)/max, UI = √(mean of R² over the last
/// <c>period</c> values of R). Ready after 2·period−1 values.
/// </summary>
public sealed class UlcerIndex : ValueIndicator
{
    private readonly RollingExtremum _highest;
    private readonly RollingSum _squares;

    public UlcerIndex(int period = 14, PriceField field = PriceField.Close)
        : base(SpecText.Of("ulcer", field, period), field, 2 * Require.Period(period) - 1, "ulcer")
    {
        Period = period;
        _highest = new RollingExtremum(period, max: true);
        _squares = new RollingSum(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new UlcerIndex(Period, Field);

    protected override void OnValue(double value)
    {
        var max = _highest.Push(value);
        if (Samples < Period) return;
        var drawdown = max != 0 ? 100.0 * (value - max) / max : 0.0;
        var sum = _squares.Push(drawdown * drawdown);
        if (IsReady) Set(Math.Sqrt(Math.Max(sum, 0) / Period));
    }

    protected override void OnReset()
    {
        _highest.Clear();
        _squares.Clear();
    }
}

/// <summary>
/// Choppiness index: 100·log10(Σ TR / (HH − LL)) / log10(period) over <c>period</c> bars (TR with the previous
/// close); near 100 = choppy, near 0 = trending. 0 when HH = LL. Ready after period+1 bars.
/// </summary>
public sealed class Choppiness : Indicator
{
    private readonly RollingSum _range;
    private readonly RollingExtremum _highest;
    private readonly RollingExtremum _lowest;
    private readonly double _logPeriod;
    private double _previousClose;

    public Choppiness(int period = 14) : base(SpecText.Of("chop", period), Require.Period(period, min: 2) + 1, "chop")
    {
        Period = period;
        _range = new RollingSum(period);
        _highest = new RollingExtremum(period, max: true);
        _lowest = new RollingExtremum(period, max: false);
        _logPeriod = Math.Log10(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new Choppiness(Period);

    protected override void OnBar(in Bar bar)
    {
        if (Samples > 1)
        {
            var sum = _range.Push(TrueRange.Of(bar.High, bar.Low, _previousClose));
            var hh = _highest.Push(bar.High);
            var ll = _lowest.Push(bar.Low);
            if (IsReady) Set(hh > ll ? 100.0 * Math.Log10(sum / (hh - ll)) / _logPeriod : 0.0);
        }
        _previousClose = bar.Close;
    }

    protected override void OnReset()
    {
        _range.Clear();
        _highest.Clear();
        _lowest.Clear();
        _previousClose = 0;
    }
}
