using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.Engines.SignalProcessing;

/// <summary>
/// Ehlers' fractal adaptive moving average on the close, with the fractal dimension from bar highs and lows:
/// N1, N2 = (highest − lowest)/(n/2) of the older and newer half window, N3 over the whole window;
/// D = (ln(N1+N2) − ln N3)/ln 2, α = exp(−4.6·(D − 1)) clamped to [0.01, 1]; FRAMA += α·(close − FRAMA).
/// Seeded with the close at the n-th bar. Ready after n bars (n even).
/// </summary>
public sealed class Frama : Indicator
{
    private readonly RingWindow _highs;
    private readonly RingWindow _lows;
    private double _frama;

    public Frama(int period = 16) : base(SpecText.Of("frama", period), Require.Period(period, min: 2), "frama")
    {
        if (period % 2 != 0) throw new ArgumentOutOfRangeException(nameof(period), period, $"period must be even, got {period}");
        Period = period;
        _highs = new RingWindow(period);
        _lows = new RingWindow(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new Frama(Period);

    protected override void OnBar(in Bar bar)
    {
        _highs.Push(bar.High);
        _lows.Push(bar.Low);
        if (!IsReady) return;
        if (Samples == Period)
        {
            _frama = bar.Close;
            Set(_frama);
            return;
        }
        var half = Period / 2;
        var n1 = Range(half, Period - 1) / half;   // older half
        var n2 = Range(0, half - 1) / half;        // newer half
        var n3 = Range(0, Period - 1) / Period;
        var alpha = 1.0;
        if (n1 + n2 > 0 && n3 > 0)
        {
            var d = (Math.Log(n1 + n2) - Math.Log(n3)) / Math.Log(2);
            alpha = Math.Clamp(Math.Exp(-4.6 * (d - 1)), 0.01, 1);
        }
        _frama += alpha * (bar.Close - _frama);
        Set(_frama);
    }

    private double Range(int newestAge, int oldestAge)
    {
        double hi = double.MinValue, lo = double.MaxValue;
        for (var age = newestAge; age <= oldestAge; age++)
        {
            hi = Math.Max(hi, _highs.Ago(age));
            lo = Math.Min(lo, _lows.Ago(age));
        }
        return hi - lo;
    }

    protected override void OnReset()
    {
        _highs.Clear();
        _lows.Clear();
        _frama = 0;
    }
}

/// <summary>
/// Chande's variable index dynamic average: VIDYA += α·|CMO|/100·(x − VIDYA) with α = 2/(period+1) and the
/// sum-based CMO over <c>cmoPeriod</c> changes. Seeded with the value at which the CMO is first ready.
/// Ready after cmoPeriod+1 values.
/// </summary>
public sealed class Vidya : ValueIndicator
{
    private readonly Cmo _cmo;
    private readonly double _alpha;
    private double _vidya;

    public Vidya(int period = 14, int cmoPeriod = 9, PriceField field = PriceField.Close)
        : base(SpecText.Of("vidya", field, period, cmoPeriod), field, Require.Period(cmoPeriod, nameof(cmoPeriod)) + 1, "vidya")
    {
        Period = Require.Period(period);
        CmoPeriod = cmoPeriod;
        _alpha = 2.0 / (period + 1);
        _cmo = new Cmo(cmoPeriod, sums: true);
    }

    public int Period { get; }
    public int CmoPeriod { get; }

    public override Indicator Clone() => new Vidya(Period, CmoPeriod, Field);

    protected override void OnValue(double value)
    {
        _cmo.Update(value);
        if (!IsReady) return;
        if (Samples == WarmUpPeriod) _vidya = value;
        else _vidya += _alpha * Math.Abs(_cmo.Value) / 100 * (value - _vidya);
        Set(_vidya);
    }

    protected override void OnReset()
    {
        _cmo.Reset();
        _vidya = 0;
    }
}
