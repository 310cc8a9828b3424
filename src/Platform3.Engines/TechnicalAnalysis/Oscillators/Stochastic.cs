using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Stochastic oscillator (TA-Lib STOCH with SMA smoothing): fast %K = 100·(close − lowest low)/(highest high −
/// lowest low) over <c>fastK</c> bars (0 when the range is zero), k = SMA(slowK) of fast %K, d = SMA(slowD) of k.
/// <c>stoch(14,3,3)</c> is the slow stochastic; <c>stochf(14,3)</c> the fast one (k = fast %K, d = its SMA).
/// Ready after fastK+slowK+slowD−2 bars.
/// </summary>
public sealed class Stochastic : Indicator
{
    private readonly RollingExtremum _highest;
    private readonly RollingExtremum _lowest;
    private readonly SmaState _kSma;
    private readonly SmaState _dSma;

    public Stochastic(int fastK = 14, int slowK = 3, int slowD = 3)
        : this(SpecText.Of("stoch", fastK, slowK, slowD), fastK, slowK, slowD, fast: false)
    {
    }

    private Stochastic(string name, int fastK, int slowK, int slowD, bool fast)
        : base(name, Require.Period(fastK, "fastK") + Require.Period(slowK, "slowK") + Require.Period(slowD, "slowD") - 2, "k", "d")
    {
        FastK = fastK;
        SlowK = slowK;
        SlowD = slowD;
        IsFast = fast;
        _highest = new RollingExtremum(fastK, max: true);
        _lowest = new RollingExtremum(fastK, max: false);
        _kSma = new SmaState(slowK);
        _dSma = new SmaState(slowD);
    }

    /// <summary>The fast stochastic (TA-Lib STOCHF): k = raw %K, d = SMA(fastD) of it.</summary>
    public static Stochastic Fast(int fastK = 5, int fastD = 3) => new(SpecText.Of("stochf", fastK, fastD), fastK, 1, fastD, fast: true);

    public int FastK { get; }
    public int SlowK { get; }
    public int SlowD { get; }
    public bool IsFast { get; }

    public override Indicator Clone() => IsFast ? Fast(FastK, SlowD) : new Stochastic(FastK, SlowK, SlowD);

    protected override void OnBar(in Bar bar)
    {
        var highest = _highest.Push(bar.High);
        var lowest = _lowest.Push(bar.Low);
        if (Samples < FastK) return;
        var diff = (highest - lowest) / 100.0;
        var raw = diff != 0.0 ? (bar.Close - lowest) / diff : 0.0;
        var k = _kSma.Push(raw);
        if (!_kSma.IsReady) return;
        var d = _dSma.Push(k);
        if (!IsReady) return;
        Set(0, k);
        Set(1, d);
    }

    protected override void OnReset()
    {
        _highest.Clear();
        _lowest.Clear();
        _kSma.Clear();
        _dSma.Clear();
    }
}
