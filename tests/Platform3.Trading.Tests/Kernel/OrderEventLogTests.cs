using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Orders;
using Platform3.Trading.Simulation;
using Platform3.Trading.Strategies;
using Platform3.Trading.Strategies.Examples;
using Platform3.Trading.Tests.Backtesting;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Kernel;

/// <summary>
/// Order events nobody listens to are recorded compactly and built on first read; events someone listens to
/// are built at once. Both must give the same history, and a read must always return the same instance.
/// </summary>
public class OrderEventLogTests
{
    /// <summary>Does nothing but listen to order events on the bus (which makes the engine build them at once).</summary>
    private sealed class Listener : Strategy
    {
        public List<OrderEvent> Seen { get; } = [];
        public override string Name => "listener";
        public override void OnStart() => Context.Bus.Subscribe<OrderEvent>(Seen.Add);
    }

    private static BacktestResult Run(Listener? listener)
    {
        var eu = Bars.EURUSD;
        var data = new MarketDataSet().AddBars(eu, RandomBars.Walk(eu, Timeframe.M1, Bars.T0, 6_000, 3, 1.1));
        var settings = new BacktestSettings { Models = SimulationModels.Realistic(Core.Calendar.FxCalendar.Default, new SwapTable().SetPoints("EURUSD", -6.9m, 1.4m)) };
        var ma = (Strategy: (Strategy)new MaCrossStrategy(), Parameters: StrategyParameters.Parse(["fast=5", "slow=20", "lots=0.1"]));
        return listener is null
            ? new BacktestEngine(settings).Run(data, [ma])
            : new BacktestEngine(settings).Run(data, [ma, (listener, new StrategyParameters())]);
    }

    [Fact]
    public void Events_built_on_read_match_events_built_when_emitted()
    {
        var lazy = Run(null);
        var listener = new Listener();
        var eager = Run(listener);
        Assert.True(lazy.OrderEvents.Count > 100, $"only {lazy.OrderEvents.Count} events");
        Assert.Equal(GoldenResultTests.Fingerprint(eager), GoldenResultTests.Fingerprint(lazy));
        // The listener got exactly the recorded instances, in order.
        Assert.Equal(eager.OrderEvents.Count, listener.Seen.Count);
        for (var i = 0; i < listener.Seen.Count; i++) Assert.Same(listener.Seen[i], eager.OrderEvents[i]);
    }

    [Fact]
    public void A_recorded_event_is_one_instance_however_it_is_read()
    {
        var r = Run(null);
        var events = r.OrderEvents;
        var all = events.ToArray();
        for (var i = 0; i < events.Count; i += 7) Assert.Same(all[i], events[i]);
        Assert.Equal(all, events.Select(e => e));
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        // A fill event carries its fill and the order's quantities at that moment.
        var fill = events.First(e => e.Fill is not null);
        Assert.Equal(fill.Fill!.Quantity, fill.FilledQuantity);
        Assert.Null(fill.LimitPrice);
        Assert.Null(fill.StopPrice);
    }
}

/// <summary>The log keeps an event's sequence as its gap to the record's position; any sequence must come back as it went in.</summary>
public class OrderEventLogSequenceTests
{
    [FsCheck.Xunit.Property(MaxTest = 100)]
    public FsCheck.Property Every_sequence_reads_back_as_recorded(int seed)
    {
        var rng = new Random(seed);
        var eu = InstrumentCatalog.Builtin.Get("EURUSD");
        var orders = new Platform3.Trading.Kernel.AppendOnlyList<Order>();
        var order = new Order(new OrderId(1), eu, OrderSide.Buy, 1000m, null, "s", Bars.T0);
        orders.Add(order);
        var log = new Platform3.Trading.Execution.OrderEventLog(orders);
        var written = new List<long>();
        long sequence = rng.Next(3);
        for (var i = 0; i < 200; i++)
        {
            // Mostly consecutive (every event recorded), sometimes a few or billions skipped, now and then the far end of long.
            sequence += rng.Next(8) switch
            {
                0 => rng.Next(2, 5),
                1 => (long)rng.Next(1, 1 << 20) << rng.Next(8, 31),
                2 when rng.Next(20) == 0 => (long.MaxValue - sequence) / 2,
                _ => 1,
            };
            written.Add(sequence);
            log.Add(sequence, Bars.T0, order, OrderEventKind.Initialized, OrderState.Initialized, "created", RejectReason.None, -1, 1000m, 0m, null);
        }
        return written.SequenceEqual(log.Select(e => e.Sequence)).Label(string.Join(",", written.Take(10)));
    }
}
