using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;

namespace Platform3.Trading.Strategies.Examples;

/// <summary>
/// Donchian channel breakout (turtle style) with resting stop orders: while flat, an OCO pair of stops
/// one tick beyond the <c>entry</c>-bar channel; once in, a protective stop one tick beyond the opposite
/// <c>exit</c>-bar channel, moved every bar. Channels include the bar just closed, and the stops only
/// trigger on later prices, so a breakout fills intrabar at the stop (or at the gap price).
/// </summary>
public sealed class DonchianBreakoutStrategy : Strategy
{
    private sealed class State(Indicator entry, Indicator exit)
    {
        public readonly Indicator Entry = entry;
        public readonly Indicator Exit = exit;
        public Order? BuyStop, SellStop, ExitStop;
    }

    private readonly PerInstrument<State> _state = new();
    private int _entry, _exit;
    private decimal _lots;
    private Timeframe _timeframe;

    public static StrategyDescriptor Descriptor { get; } = new("donchian",
        "Donchian breakout: OCO stop entries beyond the entry channel, trailing exit stop on the exit channel.",
        [
            new("entry", "20", "entry channel length (bars)"),
            new("exit", "10", "exit channel length (bars)"),
            new("lots", "1", "position size in standard lots"),
        ],
        () => new DonchianBreakoutStrategy());

    public override string Name => "donchian";

    public override void OnStart()
    {
        var p = Context.Parameters;
        _entry = p.Int("entry", 20, 2, 10_000);
        _exit = p.Int("exit", 10, 2, 10_000);
        _lots = p.Decimal("lots", 1m, 0.01m, 1000m);
        _timeframe = Context.Timeframe;
        foreach (var i in Context.Universe)
        {
            Context.Subscribe(i, _timeframe);
            _state.GetOrAdd(i, _ => new State(IndicatorFactory.Create($"donchian({_entry})"), IndicatorFactory.Create($"donchian({_exit})")));
        }
    }

    public override void OnBar(in BarEvent e)
    {
        if (e.Timeframe != _timeframe) return;
        var i = e.Instrument;
        var s = _state[i];
        if (s is null) return;
        s.Entry.Update(e.Bar);
        s.Exit.Update(e.Bar);
        if (!s.Entry.IsReady || !s.Exit.IsReady) return;
        var tick = i.TickSize;
        var upper = i.RoundPrice(s.Entry["upper"]).Value + tick;
        var lower = i.RoundPrice(s.Entry["lower"]).Value - tick;
        if (Context.DiagnosticsEnabled)
        {
            Record(e.Symbol + ".upper", (double)upper);
            Record(e.Symbol + ".lower", (double)lower);
        }
        var net = NetPosition(i);
        if (net == 0)
        {
            if (s.ExitStop is { IsTerminal: false } stale) Context.Orders.Cancel(stale.Id, "flat");
            s.ExitStop = null;
            if (s.BuyStop is { IsWorking: true } && s.SellStop is { IsWorking: true })
            {
                if (s.BuyStop.StopPrice != upper) Context.Orders.Modify(s.BuyStop.Id, stopPrice: upper);
                if (s.SellStop.StopPrice != lower) Context.Orders.Modify(s.SellStop.Id, stopPrice: lower);
            }
            else
            {
                var units = _lots * i.ContractSize;
                var pair = Context.Orders.SubmitOco(
                    OrderRequest.Stop(i, OrderSide.Buy, units, upper, tag: "donchian breakout up"),
                    OrderRequest.Stop(i, OrderSide.Sell, units, lower, tag: "donchian breakout down"));
                s.BuyStop = pair[0];
                s.SellStop = pair[1];
            }
            return;
        }
        // In a position: the exit stop follows the exit channel on the other side.
        var exitPrice = net > 0
            ? i.RoundPrice(s.Exit["lower"]).Value - tick
            : i.RoundPrice(s.Exit["upper"]).Value + tick;
        if (s.ExitStop is { IsWorking: true } x)
        {
            if (x.StopPrice != exitPrice) Context.Orders.Modify(x.Id, stopPrice: exitPrice);
        }
        else
        {
            s.ExitStop = Submit(OrderRequest.Stop(i, net > 0 ? OrderSide.Sell : OrderSide.Buy, Math.Abs(net), exitPrice, tag: "donchian exit") with { ReduceOnly = true });
        }
    }
}
