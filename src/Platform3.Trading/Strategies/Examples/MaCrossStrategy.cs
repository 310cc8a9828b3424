using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;
using Platform3.Trading.Kernel;

namespace Platform3.Trading.Strategies.Examples;

/// <summary>
/// Moving-average crossover: long when the fast average is above the slow one, short when below (or flat,
/// with allow_short=false). It trades only on a cross, with one market order that flips the position.
/// Averages come from the TA engine (sma or ema) on the bid close of the run's timeframe.
/// </summary>
public sealed class MaCrossStrategy : Strategy
{
    // Concrete value indicators fed the bid close directly (what the factory's sma/ema read by default).
    private sealed class State(ValueIndicator fast, ValueIndicator slow)
    {
        public readonly ValueIndicator Fast = fast;
        public readonly ValueIndicator Slow = slow;
        // The same averages through their sealed type (their updates inline), when both are simple ones.
        public readonly Sma? FastSma = fast as Sma, SlowSma = fast is Sma ? slow as Sma : null;
        public int Side;
    }

    private readonly PerInstrument<State> _state = new();
    private int _fast, _slow;
    private string _ma = "sma";
    private decimal _lots;
    private bool _allowShort;
    private Timeframe _timeframe;

    public static StrategyDescriptor Descriptor { get; } = new("ma-cross",
        "Moving-average crossover: long above, short below, flip on each cross.",
        [
            new("fast", "10", "fast average period (bars)"),
            new("slow", "50", "slow average period (bars), > fast"),
            new("ma", "sma", "average kind: sma or ema"),
            new("lots", "1", "position size in standard lots"),
            new("allow_short", "true", "go short below (false: flat)"),
        ],
        () => new MaCrossStrategy());

    public override string Name => "ma-cross";

    public override void OnStart()
    {
        var p = Context.Parameters;
        _fast = p.Int("fast", 10, 1, 100_000);
        _slow = p.Int("slow", 50, 2, 100_000);
        _ma = p.String("ma", "sma", "sma", "ema").ToLowerInvariant();
        _lots = p.Decimal("lots", 1m, 0.01m, 1000m);
        _allowShort = p.Bool("allow_short", true);
        if (_fast >= _slow) throw new Core.Errors.UsageException($"ma-cross: fast ({_fast}) must be below slow ({_slow}).");
        _timeframe = Context.Timeframe;
        foreach (var i in Context.Universe)
        {
            Context.Subscribe(i, _timeframe);
            _state.GetOrAdd(i, _ => new State(Average(_fast), Average(_slow)));
        }
    }

    private ValueIndicator Average(int period) => _ma == "ema" ? new Ema(period) : new Sma(period);

    public override void OnBar(in BarEvent e)
    {
        if (e.Timeframe != _timeframe) return;
        var s = _state[e.Instrument];
        if (s is null) return;
        var close = e.Bar.Close;
        // Through the sealed types the averages' updates inline; the base type serves any other kind.
        if (s.SlowSma is { } slowSma)
        {
            var fastSma = s.FastSma!;
            fastSma.Update(close);
            slowSma.Update(close);
            if (!slowSma.IsReady) return;
        }
        else
        {
            s.Fast.Update(close);
            s.Slow.Update(close);
            if (!s.Slow.IsReady) return;
        }
        var fast = s.Fast.Value;
        var slow = s.Slow.Value;
        if (Context.DiagnosticsEnabled)
        {
            Record(e.Symbol + ".fast", fast);
            Record(e.Symbol + ".slow", slow);
        }
        var side = fast > slow ? 1 : fast < slow ? -1 : s.Side;
        if (side == s.Side) return;
        var first = s.Side == 0;
        s.Side = side;
        if (first) return; // wait for an actual cross
        var units = _lots * e.Instrument.ContractSize;
        TargetPosition(e.Instrument, side > 0 ? units : _allowShort ? -units : 0, side > 0 ? "ma-cross long" : "ma-cross short");
    }
}
