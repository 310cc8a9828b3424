using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;

namespace Platform3.Trading.Strategies.Examples;

/// <summary>
/// RSI mean reversion: buy when RSI falls below <c>lower</c>, sell short when it rises above <c>upper</c>,
/// and close when it comes back to <c>exit</c>. Entries carry an ATR stop-loss (a bracket) when
/// <c>atr_stop</c> &gt; 0.
/// </summary>
public sealed class RsiMeanReversionStrategy : Strategy
{
    private sealed class State(Indicator rsi, Indicator atr)
    {
        public readonly Indicator Rsi = rsi;
        public readonly Indicator Atr = atr;
    }

    private readonly PerInstrument<State> _state = new();
    private int _period;
    private double _lower, _upper, _exit, _atrStop;
    private decimal _lots;
    private Timeframe _timeframe;

    public static StrategyDescriptor Descriptor { get; } = new("rsi-mr",
        "RSI mean reversion: long below lower, short above upper, out at exit; optional ATR stop.",
        [
            new("period", "14", "RSI period"),
            new("lower", "30", "oversold level: buy below"),
            new("upper", "70", "overbought level: sell above"),
            new("exit", "50", "close the position when RSI crosses back to this level"),
            new("atr_stop", "2", "stop-loss distance in ATR(14) multiples (0: none)"),
            new("lots", "1", "position size in standard lots"),
        ],
        () => new RsiMeanReversionStrategy());

    public override string Name => "rsi-mr";

    public override void OnStart()
    {
        var p = Context.Parameters;
        _period = p.Int("period", 14, 2, 1000);
        _lower = p.Double("lower", 30, 0, 100);
        _upper = p.Double("upper", 70, 0, 100);
        _exit = p.Double("exit", 50, 0, 100);
        _atrStop = p.Double("atr_stop", 2, 0, 100);
        _lots = p.Decimal("lots", 1m, 0.01m, 1000m);
        if (!(_lower < _exit && _exit < _upper))
            throw new Core.Errors.UsageException($"rsi-mr: need lower < exit < upper, got {_lower}, {_exit}, {_upper}.");
        _timeframe = Context.Timeframe;
        foreach (var i in Context.Universe)
        {
            Context.Subscribe(i, _timeframe);
            _state.GetOrAdd(i, _ => new State(IndicatorFactory.Create($"rsi({_period})"), IndicatorFactory.Create("atr(14)")));
        }
    }

    public override void OnBar(in BarEvent e)
    {
        if (e.Timeframe != _timeframe) return;
        var s = _state[e.Instrument];
        if (s is null) return;
        s.Rsi.Update(e.Bar);
        s.Atr.Update(e.Bar);
        if (!s.Rsi.IsReady || !s.Atr.IsReady) return;
        var rsi = s.Rsi.Value;
        if (Context.DiagnosticsEnabled) Record(e.Symbol + ".rsi", rsi);
        var i = e.Instrument;
        var net = NetPosition(i);
        if (net > 0 && rsi >= _exit || net < 0 && rsi <= _exit)
        {
            Context.Orders.Flatten(i, "rsi back to exit level");
            return;
        }
        if (net != 0 || Context.Orders.OpenOrders(i).Any()) return;
        var units = _lots * i.ContractSize;
        if (rsi < _lower) Enter(i, OrderSide.Buy, units, s.Atr.Value);
        else if (rsi > _upper) Enter(i, OrderSide.Sell, units, s.Atr.Value);
    }

    private void Enter(Instrument i, OrderSide side, decimal units, double atr)
    {
        var request = OrderRequest.Market(i, side, units, side == OrderSide.Buy ? "rsi oversold" : "rsi overbought");
        if (_atrStop > 0)
        {
            var q = Context.Quotes;
            var stop = side == OrderSide.Buy ? q.Bid(i.Id) - _atrStop * atr : q.Ask(i.Id) + _atrStop * atr;
            if (stop > 0) request = request.WithBracket(i.RoundPrice(stop).Value, null);
        }
        Submit(request);
    }
}
