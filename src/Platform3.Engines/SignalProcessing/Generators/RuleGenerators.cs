using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Signals;
using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.Engines.SignalProcessing;

/// <summary>
/// Moving-average crossover: long when the fast MA closes above the slow one after being below, short on the
/// opposite cross. Strength = the gap between the MAs in ATR(14) units, capped at 1.
/// </summary>
public sealed class MaCrossover : SignalGenerator
{
    private readonly ValueIndicator _fast, _slow;
    private readonly Atr _atr = new(14);
    private int _side;

    public MaCrossover(string symbol, Timeframe timeframe, int fast = 10, int slow = 50, MaKind ma = MaKind.Ema, int horizonBars = 10, FxCalendar? calendar = null)
        : base(SpecText.With(SpecText.Of("ma-cross", fast, slow), ma == MaKind.Sma ? "ma=sma" : ""), symbol, timeframe, horizonBars, calendar)
    {
        if (slow <= fast) throw new ArgumentOutOfRangeException(nameof(slow), slow, $"slow must be greater than fast ({fast})");
        _fast = ma == MaKind.Sma ? new Sma(Require.Period(fast, nameof(fast))) : new Ema(Require.Period(fast, nameof(fast)));
        _slow = ma == MaKind.Sma ? new Sma(slow) : new Ema(slow);
    }

    public override void Reset()
    {
        _fast.Reset();
        _slow.Reset();
        _atr.Reset();
        _side = 0;
    }

    protected override Signal? OnBar(in Bar bar)
    {
        _fast.Update(bar);
        _slow.Update(bar);
        _atr.Update(bar);
        if (!_slow.IsReady || !_fast.IsReady) return null;
        var diff = _fast.Value - _slow.Value;
        var side = Math.Sign(diff);
        if (side == 0) return null;
        var previous = _side;
        _side = side;
        if (previous == 0 || previous == side) return null;
        var strength = _atr.IsReady && _atr.Value > 0 ? Math.Abs(diff) / _atr.Value : 0.5;
        return Emit(bar, Dir(side), strength);
    }
}

/// <summary>
/// RSI thresholds: long when RSI comes back above <c>lower</c> after being below it (oversold ends), short when it
/// comes back below <c>upper</c>. Strength = how deep the excursion went, (lower − min RSI)/lower (or the mirror).
/// </summary>
public sealed class RsiThreshold : SignalGenerator
{
    private readonly Rsi _rsi;
    private double _extreme = double.NaN;
    private int _zone; // −1 below lower, +1 above upper, 0 between

    public RsiThreshold(string symbol, Timeframe timeframe, int period = 14, double lower = 30, double upper = 70, int horizonBars = 10, FxCalendar? calendar = null)
        : base(SpecText.Of("rsi-threshold", period, lower, upper), symbol, timeframe, horizonBars, calendar)
    {
        if (!(lower > 0 && lower < upper && upper < 100)) throw new ArgumentOutOfRangeException(nameof(lower), $"need 0 < lower < upper < 100, got {lower}, {upper}");
        Lower = lower;
        Upper = upper;
        _rsi = new Rsi(period);
    }

    public double Lower { get; }
    public double Upper { get; }

    public override void Reset()
    {
        _rsi.Reset();
        _zone = 0;
        _extreme = double.NaN;
    }

    protected override Signal? OnBar(in Bar bar)
    {
        _rsi.Update(bar);
        if (!_rsi.IsReady) return null;
        var rsi = _rsi.Value;
        if (rsi < Lower)
        {
            _extreme = _zone == -1 ? Math.Min(_extreme, rsi) : rsi;
            _zone = -1;
            return null;
        }
        if (rsi > Upper)
        {
            _extreme = _zone == 1 ? Math.Max(_extreme, rsi) : rsi;
            _zone = 1;
            return null;
        }
        var zone = _zone;
        _zone = 0;
        if (zone == -1) return Emit(bar, SignalDirection.Long, (Lower - _extreme) / Lower);
        if (zone == 1) return Emit(bar, SignalDirection.Short, (_extreme - Upper) / (100 - Upper));
        return null;
    }
}

/// <summary>
/// Bollinger mean reversion: after a close outside a band, the first close back inside fires towards the middle
/// (long from below, short from above). Strength = the deepest close outside the band, in band widths (k·σ), capped.
/// </summary>
public sealed class BollingerReversion : SignalGenerator
{
    private readonly Bollinger _bb;
    private int _outside;
    private double _depth;

    public BollingerReversion(string symbol, Timeframe timeframe, int period = 20, double k = 2, int horizonBars = 10, FxCalendar? calendar = null)
        : base(SpecText.Of("bb-reversion", period, k), symbol, timeframe, horizonBars, calendar)
    {
        _bb = new Bollinger(period, k);
    }

    public override void Reset()
    {
        _bb.Reset();
        _outside = 0;
        _depth = 0;
    }

    protected override Signal? OnBar(in Bar bar)
    {
        _bb.Update(bar);
        if (!_bb.IsReady) return null;
        double upper = _bb[1], lower = _bb[2], halfWidth = (upper - lower) / 2;
        if (bar.Close < lower || bar.Close > upper)
        {
            var side = bar.Close < lower ? -1 : 1;
            var depth = halfWidth > 0 ? (side < 0 ? lower - bar.Close : bar.Close - upper) / halfWidth : 1;
            _depth = _outside == side ? Math.Max(_depth, depth) : depth;
            _outside = side;
            return null;
        }
        var was = _outside;
        _outside = 0;
        return was == 0 ? null : Emit(bar, Dir(-was), 0.5 + _depth);
    }
}

/// <summary>
/// Donchian breakout: long when the close is above the highest high of the previous <c>period</c> bars, short below
/// the lowest low; fires once per breakout (again only after price has been back inside). Strength = the distance
/// beyond the channel in ATR(14) units, plus 0.5, capped.
/// </summary>
public sealed class DonchianBreakout : SignalGenerator
{
    private readonly Donchian _channel;
    private readonly Atr _atr = new(14);
    private int _state;

    public DonchianBreakout(string symbol, Timeframe timeframe, int period = 20, int horizonBars = 10, FxCalendar? calendar = null)
        : base(SpecText.Of("donchian-breakout", period), symbol, timeframe, horizonBars, calendar)
    {
        _channel = new Donchian(period, includeCurrent: false);
    }

    public override void Reset()
    {
        _channel.Reset();
        _atr.Reset();
        _state = 0;
    }

    protected override Signal? OnBar(in Bar bar)
    {
        _channel.Update(bar);
        _atr.Update(bar);
        if (!_channel.IsReady) return null;
        double upper = _channel[0], lower = _channel[1];
        var side = bar.Close > upper ? 1 : bar.Close < lower ? -1 : 0;
        var previous = _state;
        _state = side;
        if (side == 0 || side == previous) return null;
        var beyond = side > 0 ? bar.Close - upper : lower - bar.Close;
        var strength = 0.5 + (_atr.IsReady && _atr.Value > 0 ? beyond / _atr.Value : 0);
        return Emit(bar, Dir(side), strength);
    }
}
