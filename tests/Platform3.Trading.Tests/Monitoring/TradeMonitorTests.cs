using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Trading.Monitoring;
using Platform3.Trading.PortfolioManagement;
using Platform3.Trading.Risk;
using static Platform3.Trading.Tests.Decisions.DecisionTestKit;

namespace Platform3.Trading.Tests.Monitoring;

public sealed class TradeMonitorTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("p3-mon-").FullName;
    private static readonly DateTime T = Utc(2017, 3, 8, 14);

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Fills_open_and_close_trades_with_slippage_latency_and_marks_in_between()
    {
        var limits = RiskLimits.Default;
        var history = new ReturnHistory(Catalog.Count, limits.ReturnSample, limits.ReturnWindow);
        var model = new PortfolioRiskModel(history, limits.VarMethod, limits.VarConfidence, limits.VarHorizon, limits.MinObservations);
        var risk = new RiskEvaluator(limits, Currencies, FxCalendar.Default, NewsCalendar.Empty, model, null);
        var prices = Prices(Currency.USD, T);
        var book = new PortfolioSnapshot(Catalog, Currency.USD);
        book.SetEquity(100_000, 100_000, 100_000);
        var mon = new TradeMonitor(risk, prices, book);
        var eur = I("EURUSD");

        book.SetPosition(eur, 100_000, 1.10007);
        var open = mon.OnFill(eur, T.AddMilliseconds(250), +1, 1.10007, -2.0, 0, 100_000, 1.10007, "bt-0000001", 1.10005, T);
        Assert.Equal("EURUSD-1", open.TradeId);
        Assert.Equal(0.2, open.Execution!.Value.SlippagePips, 9); // paid 1.10007 against a 1.10005 decision ask: 0.2 pips worse
        Assert.Equal(TimeSpan.FromMilliseconds(250), open.Execution.Value.Latency);
        Assert.Equal(1.1, open.RiskMetrics.Leverage, 3);

        mon.OnMark(T.AddMinutes(5), _ => 35.0);
        var mark = mon.Events[^1];
        Assert.Equal(MonitoringEventKind.Mark, mark.Kind);
        Assert.Equal(35.0, mark.UnrealisedPnl);
        Assert.Equal(-2.0, mark.RealisedPnl);

        book.SetPosition(eur, 0);
        var close = mon.OnFill(eur, T.AddMinutes(10), -1, 1.10100, 93.0, 0, 0, 0, "bt-0000002", 1.10102, T.AddMinutes(10));
        Assert.Equal("EURUSD-1", close.TradeId);
        Assert.Equal(91.0, close.RealisedPnl);
        Assert.Equal(0.2, close.Execution!.Value.SlippagePips, 9); // sold 0.2 pips below the decision bid
        mon.OnMark(T.AddMinutes(15), _ => 0);
        Assert.Equal(3, mon.Events.Count); // no open trade, no mark

        book.SetPosition(eur, -50_000, 1.1);
        Assert.Equal("EURUSD-2", mon.OnFill(eur, T.AddMinutes(20), -1, 1.1, 0, 0, -50_000, 1.1, null, double.NaN, null).TradeId);

        var path = Path.Combine(_dir, "monitoring.jsonl");
        mon.WriteJsonLines(path);
        var lines = File.ReadAllLines(path);
        Assert.Equal(4, lines.Length);
        Assert.Contains("\"trade_id\":\"EURUSD-1\"", lines[0]);
        Assert.Contains("\"slippage_pips\":", lines[0]);
        Assert.Contains("\"execution_quality\":null", lines[1]);
    }

    [Property(MaxTest = 60)]
    public Property Events_read_back_exactly_as_the_event_objects_a_listener_receives(int seed) =>
        // Two monitors fed the same fills and marks (several symbols, flips, closes, missing decision prices, NaN and
        // infinite figures): one with a listener, one without (its marks never become objects). Both logs must read back
        // every event the listener got, value for value and bit for bit.
        Prop.ForAll(Arb.From(Gen.Choose(1, 120)), steps =>
        {
            var rng = new Random(seed);
            var limits = RiskLimits.Default;
            (TradeMonitor Monitor, PortfolioSnapshot Book) Make()
            {
                var history = new ReturnHistory(Catalog.Count, limits.ReturnSample, limits.ReturnWindow);
                var model = new PortfolioRiskModel(history, limits.VarMethod, limits.VarConfidence, limits.VarHorizon, limits.MinObservations);
                var risk = new RiskEvaluator(limits, Currencies, FxCalendar.Default, NewsCalendar.Empty, model, null);
                var book = new PortfolioSnapshot(Catalog, Currency.USD);
                book.SetEquity(100_000, 100_000, 100_000);
                return (new TradeMonitor(risk, Prices(Currency.USD, T), book), book);
            }
            var (heard, heardBook) = Make();
            var (quiet, quietBook) = Make();
            var received = new List<TradeMonitoringEvent>();
            heard.Emitted += received.Add;
            string[] symbols = ["EURUSD", "GBPUSD", "USDJPY", "EURJPY"];
            double[] odd = [double.NaN, double.PositiveInfinity, -0.0, 1e-300];
            double Value() => rng.Next(10) == 0 ? odd[rng.Next(odd.Length)] : Math.Round((rng.NextDouble() - 0.5) * 1000, rng.Next(6));
            var returned = new List<TradeMonitoringEvent>();
            for (var step = 0; step < steps; step++)
            {
                var time = T.AddMinutes(5 * step);
                if (rng.Next(3) == 0)
                {
                    var unrealised = Value();
                    heard.OnMark(time, _ => unrealised);
                    quiet.OnMark(time, _ => unrealised);
                    continue;
                }
                var eur = I(symbols[rng.Next(symbols.Length)]);
                var after = rng.Next(3) == 0 ? 0 : rng.Next(-3, 4) * 10_000;
                var average = 1 + rng.NextDouble();
                foreach (var book in new[] { heardBook, quietBook }) book.SetPosition(eur, after, average);
                var decision = rng.Next(4) == 0 ? null : $"bt-{rng.Next(1000):D7}";
                DateTime? decidedAt = rng.Next(3) == 0 ? null : time.AddSeconds(-rng.Next(60));
                var reference = rng.Next(5) == 0 ? double.NaN : average + (rng.NextDouble() - 0.5) * 1e-3;
                var side = rng.Next(2) == 0 ? 1 : -1;
                var price = average + (rng.NextDouble() - 0.5) * 1e-3;
                var (realised, unrealisedAtFill) = (Value(), Value());
                returned.Add(heard.OnFill(eur, time, side, price, realised, unrealisedAtFill, after, average, decision, reference, decidedAt));
                quiet.OnFill(eur, time, side, price, realised, unrealisedAtFill, after, average, decision, reference, decidedAt);
            }
            static string Text(TradeMonitoringEvent e) =>
                $"{e} {BitConverter.DoubleToInt64Bits(e.Position)} {BitConverter.DoubleToInt64Bits(e.AveragePrice)} {BitConverter.DoubleToInt64Bits(e.RealisedPnl)} " +
                $"{BitConverter.DoubleToInt64Bits(e.UnrealisedPnl)} {BitConverter.DoubleToInt64Bits(e.RiskMetrics.VarFraction)} {BitConverter.DoubleToInt64Bits(e.RiskMetrics.Drawdown)} " +
                $"{BitConverter.DoubleToInt64Bits(e.RiskMetrics.GrossExposure)} {BitConverter.DoubleToInt64Bits(e.RiskMetrics.Leverage)} {e.Timestamp.Kind}";
            var want = received.Select(Text).ToArray();
            if (!want.SequenceEqual(heard.Events.Select(Text))) return false.Label("the heard monitor's log differs from what its listener received");
            if (!want.SequenceEqual(quiet.Events.Select(Text))) return false.Label("the quiet monitor's log differs from what the listener received");
            if (!received.SequenceEqual(heard.Events) || !received.SequenceEqual(quiet.Events)) return false.Label("records not equal");
            var fills = received.Where(e => e.Kind == MonitoringEventKind.Fill).ToArray();
            return (fills.SequenceEqual(returned) && heard.Events.Count == received.Count).Label($"{received.Count} events");
        });
}
