using Platform3.Core.Domain;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.Tests.TestSupport;

/// <summary>
/// A strategy that does random things with a seeded generator: every order type and time in force,
/// brackets, OCO pairs, modifies, cancels, closes, and now and then an invalid order. It checks the
/// accounting identities after every event and the margin rule after every step.
/// </summary>
internal sealed class RandomTrader(int seed, double activity = 0.3, Timeframe? timeframe = null) : Strategy
{
    private readonly Random _rng = new(seed);

    public override string Name => "random";
    public IdentityProbe Probe { get; } = new();
    public List<string> MarginViolations { get; } = [];
    public int Actions { get; private set; }
    /// <summary>Bars where the in-place open-order count differed from counting the listing (all, or of the bar's instrument).</summary>
    public List<string> OrderCountMismatches { get; } = [];

    public override void OnStart()
    {
        Probe.Attach(Context);
        foreach (var i in Context.Universe) Context.Subscribe(i, timeframe ?? Timeframe.M5);
    }

    public override void OnBar(in BarEvent bar)
    {
        var a = Context.Account;
        if (a.OpenPositions.Count > 0 && a.MarginLevelD() < a.MarginModel.StopOutLevel)
            MarginViolations.Add($"{Context.UtcNow:u}: margin level {a.MarginLevelD():F2}% < stop-out {a.MarginModel.StopOutLevel}% with {a.OpenPositions.Count} positions");
        var orders = Context.Orders;
        if (orders.OpenOrderCount() != orders.OpenOrders().Count() || orders.OpenOrderCount(bar.Instrument) != orders.OpenOrders(bar.Instrument).Count())
            OrderCountMismatches.Add($"{Context.UtcNow:u}: {orders.OpenOrderCount()} counted, {orders.OpenOrders().Count()} listed");
        if (_rng.NextDouble() > activity) return;
        Actions++;
        var i = bar.Instrument;
        var q = Context.Quotes;
        var bid = q.Bid(i.Id);
        var ask = q.Ask(i.Id);
        var side = _rng.Next(2) == 0 ? OrderSide.Buy : OrderSide.Sell;
        var units = 1000m * _rng.Next(1, 150);
        decimal Px(double p) => i.RoundPrice(p).Value;
        double Pips(int n) => n * i.PipSizeD;
        var away = Pips(_rng.Next(1, 30));
        var tif = (TimeInForce)_rng.Next(5);
        DateTime? expire = tif == TimeInForce.Gtd ? Context.UtcNow.AddMinutes(_rng.Next(1, 600)) : null;
        var reference = side == OrderSide.Buy ? ask : bid;
        switch (_rng.Next(12))
        {
            case 0: case 1:
                Submit(OrderRequest.Market(i, side, units));
                break;
            case 2:
                Submit(OrderRequest.Limit(i, side, units, Px(side == OrderSide.Buy ? reference - away : reference + away), tif) with { ExpireAt = expire });
                break;
            case 3:
                Submit(OrderRequest.Stop(i, side, units, Px(side == OrderSide.Buy ? reference + away : reference - away), tif) with { ExpireAt = expire });
                break;
            case 4:
                var stop = side == OrderSide.Buy ? reference + away : reference - away;
                Submit(OrderRequest.StopLimit(i, side, units, Px(stop), Px(side == OrderSide.Buy ? stop + Pips(2) : stop - Pips(2)), tif) with { ExpireAt = expire });
                break;
            case 5:
                Submit(OrderRequest.TrailingStop(i, side, units, Px(away)));
                break;
            case 6:
                var sl = side == OrderSide.Buy ? bid - away : ask + away;
                var tp = side == OrderSide.Buy ? ask + away : bid - away;
                Submit(OrderRequest.Market(i, side, units).WithBracket(Px(sl), Px(tp)));
                break;
            case 7:
                Context.Orders.SubmitOco(
                    OrderRequest.Stop(i, OrderSide.Buy, units, Px(ask + away)),
                    OrderRequest.Stop(i, OrderSide.Sell, units, Px(bid - away)));
                break;
            case 8:
                if (Pick(Context.Orders.OpenOrders().ToList()) is { } c) Context.Orders.Cancel(c.Id);
                break;
            case 9:
                if (Pick(Context.Orders.OpenOrders().Where(o => o.Type == OrderType.Limit).ToList()) is { } m)
                    Context.Orders.Modify(m.Id, limitPrice: Px(m.IsBuy ? bid - away : ask + away));
                break;
            case 10:
                if (Pick(a.OpenPositions.ToList()) is { } p) Context.Orders.ClosePosition(p);
                break;
            default:
                // Invalid on purpose: off the lot grid or off the tick grid.
                Submit(_rng.Next(2) == 0
                    ? OrderRequest.Market(i, side, units + 1)
                    : OrderRequest.Limit(i, side, units, Px(reference) + i.TickSize / 10m));
                break;
        }
    }

    private T? Pick<T>(List<T> items) where T : class => items.Count == 0 ? null : items[_rng.Next(items.Count)];
}
