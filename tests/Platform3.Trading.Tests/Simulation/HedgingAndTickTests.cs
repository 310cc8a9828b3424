using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Simulation;

public class HedgingAndTickTests
{
    private static readonly Instrument Eu = Bars.EURUSD;

    [Fact]
    public void Hedging_keeps_opposite_tickets_and_closes_the_one_named()
    {
        var s = new ScriptedStrategy();
        s.At(0, x => x.Send(OrderRequest.Market(Eu, OrderSide.Buy, 100_000)));
        s.At(1, x => x.Send(OrderRequest.Market(Eu, OrderSide.Sell, 50_000).WithBracket(1.1100m, 1.0900m)));
        s.At(2, x =>
        {
            Assert.Equal(2, x.Context.Account.OpenPositions.Count);
            Assert.Equal(50_000m, x.Context.Account.NetQuantity(Eu));
            var longTicket = x.Context.Account.OpenPositions.Single(p => p.Side == PositionSide.Long);
            x.Context.Orders.ClosePosition(longTicket);
        });
        var r = Harness.Run(s, Bars.Flat(Eu, Timeframe.M1, Bars.T0, 0.0001, 1.1, 1.1010, 1.1020, 1.1030, 1.1030), mode: PositionMode.Hedging);
        var closed = Assert.Single(r.Trades);
        Assert.Equal(PositionSide.Long, closed.Side);
        Assert.Equal(1.1011m, closed.EntryPrice);   // ask at bar 1 open
        Assert.Equal(1.1030m, closed.ExitPrice);    // bid at bar 3 open
        Assert.Equal(1, r.Final.OpenPositions);     // the short ticket is still open, with its bracket
        var shortEntry = r.Orders.Single(o => o.Children.Count > 0);
        Assert.All(shortEntry.Children, c =>
        {
            Assert.Equal(OrderState.Accepted, c.State);
            Assert.Equal(shortEntry.PositionId, c.PositionId); // the children close exactly the ticket their entry opened
        });
        Assert.Null(r.LedgerProblem);
    }

    private sealed class TickWatcher : Platform3.Trading.Strategies.Strategy
    {
        public override string Name => "ticks";
        public List<QuoteEvent> Quotes { get; } = [];
        public List<BarEvent> Bars { get; } = [];
        public Order? Entry { get; private set; }
        public override void OnStart()
        {
            Context.SubscribeQuotes(Context.Universe[0]);
            Context.Subscribe(Context.Universe[0], Timeframe.M1);
        }
        public override void OnQuote(in QuoteEvent q)
        {
            Quotes.Add(q);
            if (Quotes.Count == 3) Entry = Submit(OrderRequest.Market(q.Instrument, OrderSide.Buy, 10_000));
        }
        public override void OnBar(in BarEvent e) => Bars.Add(e);
    }

    [Fact]
    public void Tick_backtests_fill_at_the_next_quote_and_build_bars_from_quotes()
    {
        var t0 = Bars.T0;
        double[] bids = [1.1000, 1.1002, 1.1001, 1.1005, 1.1003, 1.1010, 1.1008];
        var times = new long[bids.Length];
        for (var i = 0; i < bids.Length; i++) times[i] = t0.AddSeconds(20 * i).Ticks; // 0s … 120s
        var ticks = new TickSeries("EURUSD", times, bids, bids.Select(b => Math.Round(b + 0.0001, 5)).ToArray(), new long[bids.Length]);
        var w = new TickWatcher();
        var r = Harness.Run(w, new MarketDataSet().AddTicks(Eu, ticks));
        Assert.Equal(7, w.Quotes.Count);
        var fill = Assert.Single(r.FillsOf(w.Entry!));
        Assert.Equal(1.1006m, fill.Price);                 // the ask of the fourth quote, the first after the order
        Assert.Equal(new DateTime(times[3], DateTimeKind.Utc), fill.Time);
        // The 10:00 M1 bar (quotes at 0, 20, 40 s) is known once a quote at or after 10:01 arrives.
        var bar = w.Bars.First();
        Assert.Equal(t0, bar.Bar.Time);
        Assert.Equal((1.1000, 1.1002, 1.1000, 1.1001), (bar.Bar.Open, bar.Bar.High, bar.Bar.Low, bar.Bar.Close));
        Assert.Equal(t0.AddMinutes(1), bar.CloseTime);
    }
}
