using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.Trading.Simulation;

/// <summary>A fixed spread in pips per pair (with a default for pairs not listed).</summary>
public sealed class FixedSpreadModel : ISpreadModel
{
    private readonly Dictionary<string, double> _pips;
    private double[] _byId = [];

    public FixedSpreadModel(double defaultPips, IReadOnlyDictionary<string, double>? pipsBySymbol = null)
    {
        if (defaultPips < 0) throw new ArgumentOutOfRangeException(nameof(defaultPips));
        DefaultPips = defaultPips;
        _pips = new Dictionary<string, double>(pipsBySymbol ?? new Dictionary<string, double>(), StringComparer.OrdinalIgnoreCase);
    }

    public double DefaultPips { get; }

    /// <summary>Typical retail ECN spreads in pips (majors tight, crosses wider).</summary>
    public static FixedSpreadModel Typical() => new(2.0, new Dictionary<string, double>
    {
        ["EURUSD"] = 0.8, ["USDJPY"] = 0.9, ["GBPUSD"] = 1.2, ["AUDUSD"] = 1.0, ["USDCAD"] = 1.4, ["USDCHF"] = 1.3,
        ["NZDUSD"] = 1.5, ["EURGBP"] = 1.1, ["EURJPY"] = 1.3, ["GBPJPY"] = 2.2, ["EURCHF"] = 1.6, ["AUDJPY"] = 1.6,
    });

    public double PipsFor(Instrument instrument) => _pips.TryGetValue(instrument.Symbol, out var p) ? p : DefaultPips;

    public double Spread(Instrument instrument, in Bar bar) => SpreadOf(instrument);

    /// <summary>The instrument's spread in price units (it does not depend on the bar).</summary>
    internal double SpreadOf(Instrument instrument)
    {
        var id = instrument.Id;
        if (id >= _byId.Length || double.IsNaN(_byId[id])) Cache(instrument);
        return _byId[id];
    }

    private void Cache(Instrument instrument)
    {
        if (instrument.Id >= _byId.Length)
        {
            var old = _byId.Length;
            Array.Resize(ref _byId, instrument.Id + 1);
            for (var i = old; i < _byId.Length; i++) _byId[i] = double.NaN;
        }
        // Whole ticks only, rounded up: a spread is never finer than the quote precision.
        var ticks = Math.Ceiling(PipsFor(instrument) * instrument.PipSizeD / instrument.TickSizeD - 1e-9);
        _byId[instrument.Id] = ticks * instrument.TickSizeD;
    }
}

/// <summary>
/// Spread that widens by session and volatility: base pips × a session factor + a share of the recent
/// average bar range. Factors: around the 17:00 New York rollover (16:00–18:00 NY) ×3, Asian hours
/// only (Sydney/Tokyo without London or New York) ×1.5, the London–New York overlap ×0.8, else ×1.
/// The volatility term uses only bars already closed (an exponential average of their ranges).
/// </summary>
public sealed class SessionVolatilitySpreadModel : ISpreadModel, IBarObserver
{
    private readonly FixedSpreadModel _base;
    private readonly FxCalendar _calendar;
    private double[] _rangeEma = [];
    private long _hourStart = long.MaxValue, _hourEnd = long.MinValue;
    private double _cachedFactor = 1;

    public SessionVolatilitySpreadModel(FixedSpreadModel basePips, FxCalendar calendar, double rangeShare = 0.05, int rangePeriod = 20)
    {
        if (rangeShare < 0) throw new ArgumentOutOfRangeException(nameof(rangeShare));
        if (rangePeriod < 1) throw new ArgumentOutOfRangeException(nameof(rangePeriod));
        _base = basePips;
        _calendar = calendar;
        RangeShare = rangeShare;
        Alpha = 2.0 / (rangePeriod + 1);
        _rangePeriod = rangePeriod;
    }

    public double RangeShare { get; }
    internal double Alpha { get; }
    internal FixedSpreadModel Base => _base;
    private readonly int _rangePeriod;

    public IBarObserver NewRun() => new SessionVolatilitySpreadModel(_base, _calendar, RangeShare, _rangePeriod);

    // The factor holds for a whole UTC hour: kept for the hour [_hourStart, _hourEnd) last asked about.
    public double SessionFactor(long utcTicks) =>
        utcTicks >= _hourStart && utcTicks < _hourEnd ? _cachedFactor : NewHour(utcTicks);

    private double NewHour(long utcTicks)
    {
        var hour = utcTicks - utcTicks % TimeSpan.TicksPerHour;
        _hourStart = hour;
        _hourEnd = hour + TimeSpan.TicksPerHour;
        var nyHour = Core.Time.FastZone.NewYork.UtcToLocalTicks(hour) / TimeSpan.TicksPerHour % 24;
        var s = _calendar.ActiveSessions(hour);
        _cachedFactor = nyHour is 16 or 17 ? 3.0
            : (s & (TradingSession.London | TradingSession.NewYork)) == 0 ? 1.5
            : (s & TradingSession.London) != 0 && (s & TradingSession.NewYork) != 0 ? 0.8
            : 1.0;
        return _cachedFactor;
    }

    public double Spread(Instrument instrument, in Bar bar)
    {
        var ema = instrument.Id < _rangeEma.Length ? _rangeEma[instrument.Id] : 0;
        return _ticksUp.Of(Widened(_base.SpreadOf(instrument), SessionFactor(bar.Time.Ticks), RangeShare, ema), instrument.TickSizeD);
    }

    /// <summary>The spread before rounding to ticks: base × session factor, plus the range share of a positive range average.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static double Widened(double baseSpread, double factor, double rangeShare, double rangeEma)
    {
        var spread = baseSpread * factor;
        if (rangeEma > 0) spread += rangeShare * rangeEma;
        return spread;
    }

    /// <summary>The range average after a bar of the given range (the first range starts it).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static double NextRangeEma(double ema, double range, double alpha) => ema == 0 ? range : ema + alpha * (range - ema);

    /// <summary>The range averages by instrument id, sized to hold <paramref name="id"/> (the array is replaced when it grows).</summary>
    internal double[] RangeEmas(int id)
    {
        if (id >= _rangeEma.Length) Array.Resize(ref _rangeEma, id + 1);
        return _rangeEma;
    }

    private TickRounding _ticksUp;

    public void Observe(Instrument instrument, in Bar bar)
    {
        if (instrument.Id >= _rangeEma.Length) Array.Resize(ref _rangeEma, instrument.Id + 1);
        ref var ema = ref _rangeEma[instrument.Id];
        ema = NextRangeEma(ema, bar.High - bar.Low, Alpha);
    }
}

/// <summary>
/// Rounds up to whole ticks as <c>Math.Ceiling(value / tick - 1e-9) * tick</c>, bit for bit, mostly without the
/// division (a slow instruction on the per-bar path): value × (1/tick) is within 1e-9 of value / tick for anything
/// under a million ticks, so when it is more than 1e-6 away from a whole number both round up to the same one.
/// Near a whole number (and for huge or non-finite values) it divides as written.
/// </summary>
internal struct TickRounding
{
    private double _tick, _inverse;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public double Of(double value, double tick)
    {
        if (tick != _tick)
        {
            _tick = tick;
            _inverse = 1.0 / tick;
        }
        var y = value * _inverse - 1e-9;
        var up = Math.Ceiling(y);
        var gap = up - y;
        return gap > 1e-6 && gap < 1 - 1e-6 && y < 1e6 && y > -1e6
            ? up * tick
            : Math.Ceiling(value / tick - 1e-9) * tick;
    }
}
