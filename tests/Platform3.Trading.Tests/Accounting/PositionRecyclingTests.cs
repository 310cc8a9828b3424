using System.Reflection;
using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Domain;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Orders;
using Platform3.Trading.Portfolio;
using Platform3.Trading.Simulation;
using Platform3.Trading.Strategies;
using Platform3.Trading.Tests.Backtesting;
using Platform3.Trading.Tests.TestSupport;

namespace Platform3.Trading.Tests.Accounting;

/// <summary>
/// The account reuses a closed position that nobody outside it ever saw as the next opened one. That must be
/// invisible: a reopened position has every field a new one has, a run gives the same result whether positions are
/// recycled or not (reading them, as a subscriber or a strategy does, stops the recycling), and a position someone
/// holds is never reused under them.
/// </summary>
public class PositionRecyclingTests
{
    private static readonly FieldInfo[] Fields =
        typeof(Position).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);

    /// <summary>Every instance field (backing fields included), decimals by their bits, structs field by field.</summary>
    private static string State(object o) => string.Join("|", o.GetType()
        .GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
        .OrderBy(f => f.Name, StringComparer.Ordinal)
        .Select(f => f.Name + "=" + Show(f.GetValue(o))));

    private static string Show(object? v) => v switch
    {
        null => "null",
        decimal d => string.Join(",", decimal.GetBits(d)),
        double x => BitConverter.DoubleToInt64Bits(x).ToString(System.Globalization.CultureInfo.InvariantCulture),
        string s => "\"" + s + "\"",
        Instrument i => "I" + i.Symbol,
        ValueType when v.GetType().IsPrimitive || v.GetType().IsEnum || v is DateTime || v is OrderId => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!,
        ValueType => "{" + State(v) + "}",
        _ => v.GetType().Name,
    };

    [Property(MaxTest = 50)]
    public Property A_reopened_position_has_every_field_of_a_new_one(int seed)
    {
        var rng = new Random(seed);
        var eu = InstrumentCatalog.Builtin.Get("EURUSD");
        var uj = InstrumentCatalog.Builtin.Get("USDJPY");
        var bad = new List<string>();
        for (var k = 0; k < 50; k++)
        {
            // A used position: fills in and out, marks, costs, a swap, a stop-out, tags.
            var used = new Position(rng.Next(1, 1000), rng.Next(2) == 0 ? eu : uj, rng.Next(2) == 0 ? PositionSide.Long : PositionSide.Short,
                DateTime.UnixEpoch.AddMinutes(rng.Next(100_000)), new OrderId(rng.Next(1, 1000)), rng.Next(2) == 0 ? null : "in");
            var units = 1000m * rng.Next(1, 100);
            used.Entry.Add(units, 1.1m + rng.Next(1000) * 0.00001m);
            used.Entry.Add(units, 1.2m);
            used.Exit.Add(units, 1.3m);
            used.Quantity = rng.Next(2) == 0 ? 0m : units;
            used.AvgPrice = 1.23456m;
            used.PeakQuantity = units * 2;
            used.RealisedPnl = -12.34m;
            used.Commission = 5.6m;
            used.Swap = 0.7m;
            used.SpreadCost = 1.1m;
            used.SlippageCost = 0.2m;
            used.ClosedAt = DateTime.UnixEpoch.AddDays(3);
            used.ExitTag = "out";
            used.ClosedByStopOut = rng.Next(2) == 0;
            used.AvgD = 1.2;
            used.QuantityD = 3;
            used.TrackMark(1.1);
            used.TrackMark(1.3);
            used.Exposed = rng.Next(2) == 0;

            var id = rng.Next(1, 1000);
            var instrument = rng.Next(2) == 0 ? eu : uj;
            var side = rng.Next(2) == 0 ? PositionSide.Long : PositionSide.Short;
            var opened = DateTime.UnixEpoch.AddMinutes(rng.Next(100_000));
            var order = new OrderId(rng.Next(1, 1000));
            var tag = rng.Next(3) switch { 0 => null, 1 => "a", _ => "b" };
            var fresh = new Position(id, instrument, side, opened, order, tag);
            used.Reopen(id, instrument, side, opened, order, tag);
            if (State(used) != State(fresh)) bad.Add($"reopened {State(used)}\n     new {State(fresh)}");
        }
        return (Fields.Length > 10 && bad.Count == 0).Label(string.Join("\n", bad.Take(2)));
    }

    /// <summary>Flips and partial closes at random; optionally reads every position each bar (which stops the recycling).</summary>
    private sealed class Flipper(int seed, bool readPositions) : Strategy
    {
        private readonly Random _rng = new(seed);
        public override string Name => "flipper";
        public Account? Account;

        public override void OnStart()
        {
            Account = Context.Account;
            foreach (var i in Context.Universe) Context.Subscribe(i, Timeframe.M1);
        }

        public override void OnBar(in BarEvent bar)
        {
            if (readPositions) _ = Context.Account.OpenPositions.ToArray();
            if (_rng.NextDouble() > 0.6) return;
            var target = (_rng.Next(2) == 0 ? 1 : -1) * 1000m * _rng.Next(0, 60);
            if (_rng.Next(4) == 0) Submit(OrderRequest.Market(bar.Instrument, target >= 0 ? OrderSide.Buy : OrderSide.Sell, 1000m * _rng.Next(1, 30)));
            else TargetPosition(bar.Instrument, target);
        }
    }

    [Property(MaxTest = 8)]
    public Property A_run_gives_the_same_result_whether_positions_are_recycled_or_not(int seed, bool hedging)
    {
        var eu = InstrumentCatalog.Builtin.Get("EURUSD");
        var gu = InstrumentCatalog.Builtin.Get("GBPUSD");
        var uj = InstrumentCatalog.Builtin.Get("USDJPY");
        var start = new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc);
        var data = new MarketDataSet()
            .AddBars(eu, RandomBars.Walk(eu, Timeframe.M1, start, 1_500, seed, 1.08))
            .AddBars(gu, RandomBars.Walk(gu, Timeframe.M1, start, 1_500, seed + 1, 1.27))
            .AddBars(uj, RandomBars.Walk(uj, Timeframe.M1, start, 1_500, seed + 2, 150.0));
        var settings = new BacktestSettings
        {
            Models = TestModels.Realistic(30m) with
            {
                Swap = new SwapTable().SetPoints("EURUSD", -6.9m, 1.4m).SetPoints("USDJPY", 3.1m, -9.2m).SetPoints("GBPUSD", -4.2m, 0.8m),
            },
            PositionMode = hedging ? PositionMode.Hedging : PositionMode.Netting,
            InitialBalance = 1_000_000m,
        };
        var reading = new BacktestEngine(settings).Run(data, new Flipper(seed, readPositions: true));
        var recycling = new BacktestEngine(settings).Run(data, new Flipper(seed, readPositions: false));
        return (reading.Trades.Count > 50 && GoldenResultTests.Fingerprint(reading) == GoldenResultTests.Fingerprint(recycling))
            .Label($"{reading.Trades.Count} trades");
    }

    /// <summary>Keeps every position it reads; checks on each bar that the kept ones did not change once closed.</summary>
    private sealed class Keeper : Strategy
    {
        private readonly List<(Position P, string State)> _closed = [];
        private readonly List<Position> _seen = [];
        private int _side = 1;
        public int Checked;
        public string? Problem;
        public override string Name => "keeper";
        public override void OnStart() => Context.Subscribe(Context.Universe[0], Timeframe.M1);

        public override void OnBar(in BarEvent bar)
        {
            foreach (var (p, state) in _closed)
            {
                Checked++;
                if (State(p) != state) Problem ??= $"P{p.Id} changed after it closed";
            }
            foreach (var p in _seen.Where(p => !p.IsOpen).ToArray())
            {
                _closed.Add((p, State(p)));
                _seen.Remove(p);
            }
            if (NetPosition(bar.Instrument) != 0 && Context.Account.NetPosition(bar.Instrument) is { } held) _seen.Add(held);
            _side = -_side;
            TargetPosition(bar.Instrument, _side * 10_000m);
        }
    }

    [Fact]
    public void A_position_someone_holds_is_never_reused()
    {
        var eu = InstrumentCatalog.Builtin.Get("EURUSD");
        var data = new MarketDataSet().AddBars(eu, RandomBars.Walk(eu, Timeframe.M1, new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc), 400, 3, 1.08));
        var keeper = new Keeper();
        var r = new BacktestEngine(new BacktestSettings { Models = TestModels.Realistic(30m), InitialBalance = 1_000_000m }).Run(data, keeper);
        Assert.Null(keeper.Problem);
        Assert.True(keeper.Checked > 10_000, $"{keeper.Checked} checks");
        Assert.True(r.Trades.Count > 300);
    }

    [Fact]
    public void Positions_nobody_reads_are_recycled()
    {
        var eu = InstrumentCatalog.Builtin.Get("EURUSD");
        var data = new MarketDataSet().AddBars(eu, RandomBars.Walk(eu, Timeframe.M1, new DateTime(2024, 3, 4, 0, 0, 0, DateTimeKind.Utc), 400, 3, 1.08));
        var settings = new BacktestSettings { Models = TestModels.Realistic(30m), InitialBalance = 1_000_000m };
        var flipper = new Flipper(5, readPositions: false);
        var r = new BacktestEngine(settings).Run(data, flipper);
        Assert.True(r.Trades.Count > 50);
        Assert.True(flipper.Account!.PositionsRecycled > r.Trades.Count / 2, $"{flipper.Account.PositionsRecycled} of {r.Trades.Count}");
    }
}
