using System.Runtime.CompilerServices;
using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>How a range or gain series is averaged.</summary>
public enum AtrSmoothing : byte
{
    /// <summary>Wilder: seeded with the mean of the first period values, then (avg·(p−1) + x)/p (TA-Lib).</summary>
    Wilder,
    /// <summary>Simple moving average of the last period values (Lean's "simple" ATR).</summary>
    Simple,
}

/// <summary>
/// Average true range. Default = TA-Lib ATR: true ranges from the second bar, Wilder smoothing seeded with the
/// mean of the first <c>period</c> true ranges, ready after period+1 bars. Variants: <c>first=hl</c> (Lean: the
/// first bar contributes high − low, ready after period bars) and <c>ma=sma</c> (a simple average).
/// </summary>
public sealed class Atr : Indicator
{
    private readonly SmaState? _sma;
    private WilderState _wilder;
    private double _previousClose;

    public Atr(int period = 14, AtrSmoothing smoothing = AtrSmoothing.Wilder, FirstBarRange first = FirstBarRange.Skip)
        : base(SpecText.With(SpecText.Of("atr", period), smoothing == AtrSmoothing.Simple ? "ma=sma" : "", first == FirstBarRange.HighLow ? "first=hl" : ""),
            Require.Period(period) + (first == FirstBarRange.Skip ? 1 : 0), "atr")
    {
        Period = period;
        Smoothing = smoothing;
        First = first;
        _wilder = new WilderState(period);
        if (smoothing == AtrSmoothing.Simple) _sma = new SmaState(period);
    }

    public int Period { get; }
    public AtrSmoothing Smoothing { get; }
    public FirstBarRange First { get; }

    public override Indicator Clone() => new Atr(Period, Smoothing, First);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlines where the caller holds the sealed type
    protected override void OnBar(in Bar bar)
    {
        double tr;
        if (Samples == 1)
        {
            _previousClose = bar.Close;
            if (First == FirstBarRange.Skip) return;
            tr = bar.High - bar.Low;
        }
        else
        {
            tr = TrueRange.Of(bar.High, bar.Low, _previousClose);
            _previousClose = bar.Close;
        }
        var atr = _sma is null ? _wilder.Push(tr) : _sma.Push(tr);
        if (IsReady) Set(atr);
    }

    protected override void OnReset()
    {
        _wilder.Clear();
        _sma?.Clear();
        _previousClose = 0;
    }

    protected override void ComputeCore(in BarInput input, Span<double> outputs)
    {
        if (Smoothing != AtrSmoothing.Wilder || First != FirstBarRange.Skip)
        {
            base.ComputeCore(in input, outputs);
            return;
        }
        Kernel(input.High, input.Low, input.Close, outputs, Period);
    }

    /// <summary>Batch kernel of the TA-Lib ATR, bit-identical to streaming.</summary>
    public static void Kernel(ReadOnlySpan<double> high, ReadOnlySpan<double> low, ReadOnlySpan<double> close, Span<double> output, int period)
    {
        var n = close.Length;
        if (n <= period)
        {
            output[..n].Fill(double.NaN);
            return;
        }
        output[..period].Fill(double.NaN);
        var atr = 0.0;
        for (var i = 1; i <= period; i++) atr += TrueRange.Of(high[i], low[i], close[i - 1]);
        atr /= period;
        output[period] = atr;
        double pm1 = period - 1;
        for (var i = period + 1; i < n; i++)
        {
            atr *= pm1;
            atr += TrueRange.Of(high[i], low[i], close[i - 1]);
            atr /= period;
            output[i] = atr;
        }
    }
}
