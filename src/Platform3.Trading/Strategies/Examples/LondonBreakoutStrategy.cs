using Platform3.Core.Domain;
using Platform3.Core.Time;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;

namespace Platform3.Trading.Strategies.Examples;

/// <summary>
/// London-open session breakout: the range of the bars between <c>range_start</c> and the London open
/// (London time, so it follows UK daylight saving) sets an OCO pair of stop entries one <c>buffer</c>
/// beyond it, placed by a timer at the open. Each entry is a bracket: stop-loss at the other side of the
/// range, take-profit at <c>target</c> × range. Entries are DAY orders (gone at the 17:00 New York close)
/// and anything still open at <c>exit</c> London time is closed.
/// </summary>
public sealed class LondonBreakoutStrategy : Strategy
{
    private const string London = "Europe/London";
    private readonly FastZone _zone = FastZone.For(London);

    private sealed class State
    {
        public DateOnly Day;
        public double High = double.MinValue, Low = double.MaxValue;
    }

    private readonly PerInstrument<State> _state = new();
    private TimeOnly _rangeStart, _open, _exit;
    private double _bufferPips, _target, _minPips, _maxPips;
    private decimal _lots;
    private Timeframe _timeframe;

    public static StrategyDescriptor Descriptor { get; } = new("london-breakout",
        "London-open breakout of the pre-open range with OCO bracket stop entries and a session-end exit.",
        [
            new("range_start", "00:00", "start of the range, London time (HH:mm)"),
            new("open", "08:00", "London open: the range ends and the entries are placed (HH:mm)"),
            new("exit", "16:00", "close everything at this London time (HH:mm)"),
            new("buffer", "2", "entry distance beyond the range, pips"),
            new("target", "1", "take-profit as a multiple of the range"),
            new("min_range", "10", "skip days whose range is narrower (pips)"),
            new("max_range", "80", "skip days whose range is wider (pips)"),
            new("lots", "1", "position size in standard lots"),
        ],
        () => new LondonBreakoutStrategy());

    public override string Name => "london-breakout";

    public override void OnStart()
    {
        var p = Context.Parameters;
        _rangeStart = Time(p.String("range_start", "00:00"), "range_start");
        _open = Time(p.String("open", "08:00"), "open");
        _exit = Time(p.String("exit", "16:00"), "exit");
        _bufferPips = p.Double("buffer", 2, 0, 1000);
        _target = p.Double("target", 1, 0.1, 100);
        _minPips = p.Double("min_range", 10, 0, 10_000);
        _maxPips = p.Double("max_range", 80, 0, 10_000);
        _lots = p.Decimal("lots", 1m, 0.01m, 1000m);
        if (!(_rangeStart < _open && _open < _exit))
            throw new Core.Errors.UsageException("london-breakout: need range_start < open < exit (London times).");
        _timeframe = Context.Timeframe;
        if (_timeframe > Timeframe.H1) throw new Core.Errors.UsageException("london-breakout: needs a timeframe of H1 or finer.");
        foreach (var i in Context.Universe)
        {
            Context.Subscribe(i, _timeframe);
            _state.GetOrAdd(i, static _ => new State());
        }
        Context.ScheduleDaily("london-open", _open, London);
        Context.ScheduleDaily("london-exit", _exit, London);
    }

    private static TimeOnly Time(string text, string name) =>
        TimeOnly.TryParseExact(text, "HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var t)
            ? t : throw new Core.Errors.UsageException($"london-breakout: parameter {name}: expected HH:mm, got '{text}'");

    private (DateOnly Day, TimeOnly Time) LondonNow(long utcTicks)
    {
        var local = _zone.UtcToLocalTicks(utcTicks);
        return (DateOnly.FromDayNumber((int)(local / TimeSpan.TicksPerDay)), TimeOnly.FromTimeSpan(TimeSpan.FromTicks(local % TimeSpan.TicksPerDay)));
    }

    public override void OnBar(in BarEvent e)
    {
        if (e.Timeframe != _timeframe) return;
        // A bar belongs to the range when it opens at or after range_start and closes by the open.
        var (day, openTime) = LondonNow(e.Bar.Time.Ticks);
        var (_, closeTime) = LondonNow(e.CloseTime.Ticks);
        if (openTime < _rangeStart || openTime >= _open || closeTime > _open && closeTime != TimeOnly.MinValue) return;
        var s = _state[e.Instrument];
        if (s is null) return;
        if (s.Day != day) { s.Day = day; s.High = double.MinValue; s.Low = double.MaxValue; }
        s.High = Math.Max(s.High, e.Bar.High);
        s.Low = Math.Min(s.Low, e.Bar.Low);
    }

    public override void OnTimer(in TimerEvent timer)
    {
        var (day, _) = LondonNow(timer.Time.Ticks);
        if (timer.Name == "london-exit")
        {
            Context.Orders.Flatten(null, "london session exit");
            return;
        }
        foreach (var i in Context.Universe)
        {
            var s = _state[i];
            if (s is null || s.Day != day || s.High <= s.Low) continue;
            var range = s.High - s.Low;
            var pips = range / i.PipSizeD;
            if (Context.DiagnosticsEnabled)
            {
                Record(i.Symbol + ".range_high", s.High);
                Record(i.Symbol + ".range_low", s.Low);
            }
            if (pips < _minPips || pips > _maxPips || NetPosition(i) != 0 || Context.Orders.OpenOrders(i).Any()) continue;
            var buffer = _bufferPips * i.PipSizeD;
            var units = _lots * i.ContractSize;
            decimal P(double v) => i.RoundPrice(v).Value;
            var buy = P(s.High + buffer);
            var sell = P(s.Low - buffer);
            Context.Orders.SubmitOco(
                OrderRequest.Stop(i, OrderSide.Buy, units, buy, TimeInForce.Day, "london breakout up").WithBracket(P(s.Low - buffer), P(s.High + buffer + _target * range)),
                OrderRequest.Stop(i, OrderSide.Sell, units, sell, TimeInForce.Day, "london breakout down").WithBracket(P(s.High + buffer), P(s.Low - buffer - _target * range)));
        }
    }
}
