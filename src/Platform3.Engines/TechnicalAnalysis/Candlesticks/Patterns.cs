using static Platform3.Engines.TechnicalAnalysis.Candlesticks.CandleSettings;

namespace Platform3.Engines.TechnicalAnalysis.Candlesticks;

// TA-Lib's candlestick definitions (the 0.4 semantics the Lean reference files were generated with: engulfing and
// harami score ±100 only). Each class is one pattern; conditions read newest bar = 0.

/// <summary>Doji: real body ≤ 10 % of the average high-low range of the 10 previous candles. +100.</summary>
public sealed class Doji : CandlePattern
{
    private readonly Average _doji;
    public Doji() : base("cdldoji", 10) => _doji = Avg(BodyDoji);
    public override Indicator Clone() => new Doji();
    protected override int Evaluate() => RealBody(0) <= _doji.Value ? 100 : 0;
}

/// <summary>Dragonfly doji: doji with a very short upper shadow and a longer lower one. +100.</summary>
public sealed class DragonflyDoji : CandlePattern
{
    private readonly Average _doji, _veryShort;
    public DragonflyDoji() : base("cdldragonflydoji", 10) { _doji = Avg(BodyDoji); _veryShort = Avg(ShadowVeryShort); }
    public override Indicator Clone() => new DragonflyDoji();
    protected override int Evaluate() =>
        RealBody(0) <= _doji.Value && UpperShadow(0) < _veryShort.Value && LowerShadow(0) > _veryShort.Value ? 100 : 0;
}

/// <summary>Gravestone doji: doji with a very short lower shadow and a longer upper one. +100 (as TA-Lib).</summary>
public sealed class GravestoneDoji : CandlePattern
{
    private readonly Average _doji, _veryShort;
    public GravestoneDoji() : base("cdlgravestonedoji", 10) { _doji = Avg(BodyDoji); _veryShort = Avg(ShadowVeryShort); }
    public override Indicator Clone() => new GravestoneDoji();
    protected override int Evaluate() =>
        RealBody(0) <= _doji.Value && LowerShadow(0) < _veryShort.Value && UpperShadow(0) > _veryShort.Value ? 100 : 0;
}

/// <summary>Hammer: small body near the prior candle's low, long lower shadow, very short upper shadow. +100.</summary>
public sealed class Hammer : CandlePattern
{
    private readonly Average _short, _long, _veryShort, _near;
    public Hammer() : base("cdlhammer", 11)
    {
        _short = Avg(BodyShort); _long = Avg(ShadowLong); _veryShort = Avg(ShadowVeryShort); _near = Avg(Near, 1);
    }
    public override Indicator Clone() => new Hammer();
    protected override int Evaluate() =>
        RealBody(0) < _short.Value && LowerShadow(0) > _long.Value && UpperShadow(0) < _veryShort.Value
        && Math.Min(C(0), O(0)) <= L(1) + _near.Value ? 100 : 0;
}

/// <summary>Hanging man: the hammer shape with its body near the prior candle's high. −100.</summary>
public sealed class HangingMan : CandlePattern
{
    private readonly Average _short, _long, _veryShort, _near;
    public HangingMan() : base("cdlhangingman", 11)
    {
        _short = Avg(BodyShort); _long = Avg(ShadowLong); _veryShort = Avg(ShadowVeryShort); _near = Avg(Near, 1);
    }
    public override Indicator Clone() => new HangingMan();
    protected override int Evaluate() =>
        RealBody(0) < _short.Value && LowerShadow(0) > _long.Value && UpperShadow(0) < _veryShort.Value
        && Math.Min(C(0), O(0)) >= H(1) - _near.Value ? -100 : 0;
}

/// <summary>Inverted hammer: small body gapping down, long upper shadow, very short lower shadow. +100.</summary>
public sealed class InvertedHammer : CandlePattern
{
    private readonly Average _short, _long, _veryShort;
    public InvertedHammer() : base("cdlinvertedhammer", 11) { _short = Avg(BodyShort); _long = Avg(ShadowLong); _veryShort = Avg(ShadowVeryShort); }
    public override Indicator Clone() => new InvertedHammer();
    protected override int Evaluate() =>
        RealBody(0) < _short.Value && UpperShadow(0) > _long.Value && LowerShadow(0) < _veryShort.Value && RealBodyGapDown(0, 1) ? 100 : 0;
}

/// <summary>Shooting star: small body gapping up, long upper shadow, very short lower shadow. −100.</summary>
public sealed class ShootingStar : CandlePattern
{
    private readonly Average _short, _long, _veryShort;
    public ShootingStar() : base("cdlshootingstar", 11) { _short = Avg(BodyShort); _long = Avg(ShadowLong); _veryShort = Avg(ShadowVeryShort); }
    public override Indicator Clone() => new ShootingStar();
    protected override int Evaluate() =>
        RealBody(0) < _short.Value && UpperShadow(0) > _long.Value && LowerShadow(0) < _veryShort.Value && RealBodyGapUp(0, 1) ? -100 : 0;
}

/// <summary>Engulfing: the body engulfs the prior opposite-colour body. ±100 by the new candle's colour.</summary>
public sealed class Engulfing : CandlePattern
{
    public Engulfing() : base("cdlengulfing", 2) { }
    public override Indicator Clone() => new Engulfing();
    protected override int Evaluate() =>
        (Color(0) == 1 && Color(1) == -1 && C(0) > O(1) && O(0) < C(1))
        || (Color(0) == -1 && Color(1) == 1 && O(0) > C(1) && C(0) < O(1))
            ? Color(0) * 100 : 0;
}

/// <summary>Harami: a short body inside the prior long body. ±100 against the first candle's colour.</summary>
public sealed class Harami : CandlePattern
{
    private readonly Average _long, _short;
    public Harami() : base("cdlharami", 11) { _long = Avg(BodyLong, 1); _short = Avg(BodyShort); }
    public override Indicator Clone() => new Harami();
    protected override int Evaluate() =>
        RealBody(1) > _long.Value && RealBody(0) <= _short.Value
        && BodyTop(0) < BodyTop(1) && BodyBottom(0) > BodyBottom(1) ? -Color(1) * 100 : 0;
}

/// <summary>Piercing: long black, then a long white opening below its low and closing above its midpoint. +100.</summary>
public sealed class Piercing : CandlePattern
{
    private readonly Average _long1, _long0;
    public Piercing() : base("cdlpiercing", 11) { _long1 = Avg(BodyLong, 1); _long0 = Avg(BodyLong); }
    public override Indicator Clone() => new Piercing();
    protected override int Evaluate() =>
        Color(1) == -1 && RealBody(1) > _long1.Value && Color(0) == 1 && RealBody(0) > _long0.Value
        && O(0) < L(1) && C(0) < O(1) && C(0) > C(1) + RealBody(1) * 0.5 ? 100 : 0;
}

/// <summary>Dark cloud cover: long white, then a black opening above its high and closing below
/// (close − penetration × body). −100.</summary>
public sealed class DarkCloudCover : CandlePattern
{
    private readonly Average _long;
    public DarkCloudCover(double penetration = 0.5)
        : base(SpecText.Of("cdldarkcloudcover", penetration), 11)
    {
        Penetration = Require.InRange(penetration, 0, 1, nameof(penetration));
        _long = Avg(BodyLong, 1);
    }
    public double Penetration { get; }
    public override Indicator Clone() => new DarkCloudCover(Penetration);
    protected override int Evaluate() =>
        Color(1) == 1 && RealBody(1) > _long.Value && Color(0) == -1
        && O(0) > H(1) && C(0) > O(1) && C(0) < C(1) - RealBody(1) * Penetration ? -100 : 0;
}

/// <summary>Morning star (+100) and evening star (−100): long body, a short body gapping away, then a body
/// closing well into the first (penetration × its body).</summary>
public sealed class Star : CandlePattern
{
    private readonly Average _long2, _short1, _short0;
    public Star(bool morning, double penetration = 0.3)
        : base(SpecText.Of(morning ? "cdlmorningstar" : "cdleveningstar", penetration), 12)
    {
        Morning = morning;
        Penetration = Require.InRange(penetration, 0, 1, nameof(penetration));
        _long2 = Avg(BodyLong, 2);
        _short1 = Avg(BodyShort, 1);
        _short0 = Avg(BodyShort);
    }
    public bool Morning { get; }
    public double Penetration { get; }
    public override Indicator Clone() => new Star(Morning, Penetration);
    protected override int Evaluate()
    {
        if (!(RealBody(2) > _long2.Value && RealBody(1) <= _short1.Value && RealBody(0) > _short0.Value)) return 0;
        if (Morning)
            return Color(2) == -1 && RealBodyGapDown(1, 2) && Color(0) == 1 && C(0) > C(2) + RealBody(2) * Penetration ? 100 : 0;
        return Color(2) == 1 && RealBodyGapUp(1, 2) && Color(0) == -1 && C(0) < C(2) - RealBody(2) * Penetration ? -100 : 0;
    }
}

/// <summary>Three white soldiers: three rising white candles with very short upper shadows, each opening within or
/// near the prior body and not far shorter than it. +100.</summary>
public sealed class ThreeWhiteSoldiers : CandlePattern
{
    private readonly Average _vs2, _vs1, _vs0, _far2, _far1, _near2, _near1, _short;
    public ThreeWhiteSoldiers() : base("cdl3whitesoldiers", 12)
    {
        _vs2 = Avg(ShadowVeryShort, 2); _vs1 = Avg(ShadowVeryShort, 1); _vs0 = Avg(ShadowVeryShort);
        _far2 = Avg(Far, 2); _far1 = Avg(Far, 1); _near2 = Avg(Near, 2); _near1 = Avg(Near, 1); _short = Avg(BodyShort);
    }
    public override Indicator Clone() => new ThreeWhiteSoldiers();
    protected override int Evaluate() =>
        Color(2) == 1 && UpperShadow(2) < _vs2.Value && Color(1) == 1 && UpperShadow(1) < _vs1.Value
        && Color(0) == 1 && UpperShadow(0) < _vs0.Value
        && C(0) > C(1) && C(1) > C(2)
        && O(1) > O(2) && O(1) <= C(2) + _near2.Value
        && O(0) > O(1) && O(0) <= C(1) + _near1.Value
        && RealBody(1) > RealBody(2) - _far2.Value && RealBody(0) > RealBody(1) - _far1.Value
        && RealBody(0) > _short.Value ? 100 : 0;
}

/// <summary>Three black crows: after a white candle, three falling black candles with very short lower shadows,
/// each opening within the prior body. −100.</summary>
public sealed class ThreeBlackCrows : CandlePattern
{
    private readonly Average _vs2, _vs1, _vs0;
    public ThreeBlackCrows() : base("cdl3blackcrows", 13)
    {
        _vs2 = Avg(ShadowVeryShort, 2); _vs1 = Avg(ShadowVeryShort, 1); _vs0 = Avg(ShadowVeryShort);
    }
    public override Indicator Clone() => new ThreeBlackCrows();
    protected override int Evaluate() =>
        Color(3) == 1 && Color(2) == -1 && LowerShadow(2) < _vs2.Value && Color(1) == -1 && LowerShadow(1) < _vs1.Value
        && Color(0) == -1 && LowerShadow(0) < _vs0.Value
        && O(1) < O(2) && O(1) > C(2) && O(0) < O(1) && O(0) > C(1)
        && H(3) > C(2) && C(2) > C(1) && C(1) > C(0) ? -100 : 0;
}

/// <summary>Marubozu: long body with very short shadows on both ends. ±100 by colour.</summary>
public sealed class Marubozu : CandlePattern
{
    private readonly Average _long, _veryShort;
    public Marubozu() : base("cdlmarubozu", 10) { _long = Avg(BodyLong); _veryShort = Avg(ShadowVeryShort); }
    public override Indicator Clone() => new Marubozu();
    protected override int Evaluate() =>
        RealBody(0) > _long.Value && UpperShadow(0) < _veryShort.Value && LowerShadow(0) < _veryShort.Value ? Color(0) * 100 : 0;
}

/// <summary>Spinning top: small body with both shadows longer than it. ±100 by colour.</summary>
public sealed class SpinningTop : CandlePattern
{
    private readonly Average _short;
    public SpinningTop() : base("cdlspinningtop", 10) => _short = Avg(BodyShort);
    public override Indicator Clone() => new SpinningTop();
    protected override int Evaluate() =>
        RealBody(0) < _short.Value && UpperShadow(0) > RealBody(0) && LowerShadow(0) > RealBody(0) ? Color(0) * 100 : 0;
}

/// <summary>Long-legged doji: doji with at least one long shadow. +100.</summary>
public sealed class LongLeggedDoji : CandlePattern
{
    private readonly Average _doji, _long;
    public LongLeggedDoji() : base("cdllongleggeddoji", 10) { _doji = Avg(BodyDoji); _long = Avg(ShadowLong); }
    public override Indicator Clone() => new LongLeggedDoji();
    protected override int Evaluate() =>
        RealBody(0) <= _doji.Value && (LowerShadow(0) > _long.Value || UpperShadow(0) > _long.Value) ? 100 : 0;
}
