using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Ultimate oscillator (TA-Lib ULTOSC): buying pressure BP = C − min(L, prevC), true range TR; averages
/// A_p = ΣBP/ΣTR over three periods; UO = 100·(4·A1 + 2·A2 + A3)/7 (a term is left out when its ΣTR is 0).
/// Ready after max(period)+1 bars.
/// </summary>
public sealed class UltimateOscillator : Indicator
{
    private const double Epsilon = 1e-14;
    private readonly RollingSum[] _bp;
    private readonly RollingSum[] _tr;
    private double _previousClose;

    public UltimateOscillator(int period1 = 7, int period2 = 14, int period3 = 28)
        : base(SpecText.Of("ultosc", period1, period2, period3),
            Math.Max(Require.Period(period1, nameof(period1)), Math.Max(Require.Period(period2, nameof(period2)), Require.Period(period3, nameof(period3)))) + 1,
            "ultosc")
    {
        Period1 = period1;
        Period2 = period2;
        Period3 = period3;
        // TA-Lib sorts the periods so the weights 4, 2, 1 go to the shortest, middle and longest.
        int[] sorted = [period1, period2, period3];
        Array.Sort(sorted);
        _bp = [.. sorted.Select(p => new RollingSum(p))];
        _tr = [.. sorted.Select(p => new RollingSum(p))];
    }

    public int Period1 { get; }
    public int Period2 { get; }
    public int Period3 { get; }

    public override Indicator Clone() => new UltimateOscillator(Period1, Period2, Period3);

    protected override void OnBar(in Bar bar)
    {
        if (Samples == 1)
        {
            _previousClose = bar.Close;
            return;
        }
        var bp = bar.Close - Math.Min(bar.Low, _previousClose);
        var tr = TrueRange.Of(bar.High, bar.Low, _previousClose);
        _previousClose = bar.Close;
        double a1 = _bp[0].Push(bp), a2 = _bp[1].Push(bp), a3 = _bp[2].Push(bp);
        double b1 = _tr[0].Push(tr), b2 = _tr[1].Push(tr), b3 = _tr[2].Push(tr);
        if (!IsReady) return;
        var output = 0.0;
        if (!IsZero(b1)) output += 4.0 * (a1 / b1);
        if (!IsZero(b2)) output += 2.0 * (a2 / b2);
        if (!IsZero(b3)) output += a3 / b3;
        Set(100.0 * (output / 7.0));
    }

    private static bool IsZero(double v) => v is > -Epsilon and < Epsilon;

    protected override void OnReset()
    {
        foreach (var s in _bp) s.Clear();
        foreach (var s in _tr) s.Clear();
        _previousClose = 0;
    }
}
