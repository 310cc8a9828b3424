using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>Moving-average kind used by APO/PPO (TA-Lib's default for both is SMA).</summary>
public enum MaKind : byte
{
    Sma,
    Ema,
}

/// <summary>
/// Absolute (APO = MA(fast) − MA(slow)) or percentage (PPO = 100·(MA(fast) − MA(slow))/MA(slow), 0 when the slow
/// MA is 0) price oscillator, TA-Lib APO/PPO with SMA by default; <c>ma=ema</c> uses independently SMA-seeded EMAs.
/// Ready after <c>slow</c> values.
/// </summary>
public sealed class PriceOscillator : ValueIndicator
{
    private readonly Indicator _fast;
    private readonly Indicator _slow;

    public PriceOscillator(bool percent, int fast = 12, int slow = 26, MaKind ma = MaKind.Sma, PriceField field = PriceField.Close)
        : base(SpecText.With(SpecText.Of(percent ? "ppo" : "apo", field, fast, slow), ma == MaKind.Ema ? "ma=ema" : ""), field,
            Math.Max(Require.Period(fast, nameof(fast)), Require.Period(slow, nameof(slow))), percent ? "ppo" : "apo")
    {
        Percent = percent;
        Fast = fast;
        Slow = slow;
        Ma = ma;
        _fast = ma == MaKind.Sma ? new Sma(fast) : new Ema(fast);
        _slow = ma == MaKind.Sma ? new Sma(slow) : new Ema(slow);
    }

    public bool Percent { get; }
    public int Fast { get; }
    public int Slow { get; }
    public MaKind Ma { get; }

    public override Indicator Clone() => new PriceOscillator(Percent, Fast, Slow, Ma, Field);

    protected override void OnValue(double value)
    {
        ((ValueIndicator)_fast).Update(value);
        ((ValueIndicator)_slow).Update(value);
        if (!IsReady) return;
        var f = _fast.Value;
        var s = _slow.Value;
        Set(Percent ? (s != 0.0 ? ((f - s) / s) * 100.0 : 0.0) : f - s);
    }

    protected override void OnReset()
    {
        _fast.Reset();
        _slow.Reset();
    }
}
