using Platform3.Core.Domain;
using Platform3.MarketData.Resampling;
using Platform3.MarketData.Synthetic;
using Platform3.Trading.Audit;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Decisions;
using Platform3.Trading.Decisions.Hosting;
using Platform3.Trading.Kernel;
using Platform3.Trading.Monitoring;
using Platform3.Trading.Orders;
using Platform3.Trading.Risk;
using Platform3.Trading.Strategies;

namespace Platform3.Trading.Tests.Decisions;

/// <summary>The decision engine hosted on the real kernel: synthetic bars, simulated broker, OMS, accounting.</summary>
public sealed class DecisionStrategyTests : IDisposable
{
    private static readonly string[] Symbols = ["EURUSD", "GBPUSD", "USDJPY"];
    private static readonly DateTime From = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly Lazy<MarketDataSet> Data = new(() => MakeData(From, From.AddDays(21), 7));
    private readonly string _dir = Directory.CreateTempSubdirectory("p3-decide-bt-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static MarketDataSet MakeData(DateTime from, DateTime to, int seed)
    {
        var bars = new SyntheticMarket().M1(Symbols, from, to, SynthModel.Regime, seed);
        var set = new MarketDataSet();
        for (var k = 0; k < Symbols.Length; k++)
            set.AddBars(InstrumentCatalog.Builtin.Get(Symbols[k]), BarResampler.Resample(bars[k], Timeframe.M5, Core.Calendar.FxCalendar.Default));
        return set;
    }

    private static DecisionEngineSetup Setup(IAuditLog audit, DecisionEngineConfig? config = null, KillSwitch? kill = null) => new()
    {
        Config = config ?? DecisionEngineConfig.Default with
        {
            Rules = DecisionRules.Default with { MinConfidence = 0.05, MinAgreement = 0.5, Cooldown = TimeSpan.FromMinutes(15), MaxTradesPerDay = 30 },
        },
        Timeframe = Timeframe.M15,
        Audit = audit,
        KillSwitch = kill,
        Sources = ctx =>
        [
            new TechnicalSignalSource(["ma-cross(5,20)", "rsi-threshold(14,35,65)", "donchian-breakout(20)"], ctx.Universe, Timeframe.M15, ctx.Calendar),
            new PatternSignalSource(ctx.Universe, Timeframe.M15),
        ],
    };

    [Fact]
    public void Decisions_become_orders_fills_audit_records_and_monitoring_events()
    {
        var dbPath = Path.Combine(_dir, "audit.db");
        DecisionStrategy strategy;
        BacktestResult result;
        using (var audit = new SqliteAuditLog(dbPath, AuditDurability.Batched))
        {
            strategy = new DecisionStrategy(Setup(audit));
            result = new BacktestEngine(new BacktestSettings()).Run(Data.Value, strategy);
        }
        Assert.Null(result.LedgerProblem);
        var counts = strategy.DecisionCounts;
        Assert.True(counts.GetValueOrDefault(DecisionType.Hold) > 100);
        Assert.True(counts.GetValueOrDefault(DecisionType.Buy) + counts.GetValueOrDefault(DecisionType.Sell) > 5, string.Join(", ", counts));
        Assert.True(result.Trades.Count > 3, $"{result.Trades.Count} trades");
        // Every entry order carries its decision id; its bracket children protect it.
        var entries = result.Orders.Where(o => o.Tag?.StartsWith("bt-", StringComparison.Ordinal) == true && !o.ReduceOnly).ToArray();
        Assert.NotEmpty(entries);
        Assert.All(entries, o => Assert.Equal(2, o.Children.Count));

        var v = AuditVerifier.Verify(dbPath);
        Assert.True(v.Ok, v.ToString());
        using var reader = new AuditReader(dbPath);
        var records = reader.ReadAll().ToArray();
        Assert.Equal(counts.Values.Sum(), records.Count(r => r.Kind == AuditKinds.Decision));
        Assert.Contains(records, r => r.Kind == AuditKinds.Fill);
        var firstEntry = entries[0].Tag!;
        var chain = reader.ByRef(firstEntry);
        Assert.Equal(AuditKinds.Decision, chain[0].Kind);
        Assert.Contains(chain, r => r.Kind == AuditKinds.Order && r.Payload.Contains("\"accepted\"", StringComparison.Ordinal));
        Assert.Contains(chain, r => r.Kind == AuditKinds.Fill);

        var fills = strategy.Monitor.Events.Where(e => e.Kind == MonitoringEventKind.Fill).ToArray();
        var marks = strategy.Monitor.Events.Where(e => e.Kind == MonitoringEventKind.Mark).ToArray();
        Assert.NotEmpty(marks);
        Assert.True(fills.Length >= 2 * result.Trades.Count - 1, $"{fills.Length} fill events for {result.Trades.Count} trades");
        // Realised P&L per trade id adds up to the ledger's realised P&L of the trades (before commissions and swaps).
        var closed = fills.Where(f => f.Position == 0).Sum(f => f.RealisedPnl);
        Assert.Equal((double)result.Trades.Sum(t => t.GrossPnl), closed, 2);
        Assert.Contains(fills, f => f.Execution is { DecisionId: not null });
        Assert.All(fills.Where(f => f.Execution is not null), f => Assert.True(double.IsFinite(f.Execution!.Value.SlippagePips)));
    }

    [Fact]
    public void Same_seed_same_sequence_of_decision_hashes_through_the_kernel()
    {
        string[] Run(MarketDataSet data)
        {
            var audit = new InMemoryAuditLog();
            new BacktestEngine(new BacktestSettings()).Run(data, new DecisionStrategy(Setup(audit)));
            return audit.Records.Where(r => r.Kind == AuditKinds.Decision).Select(r => r.Hash).ToArray();
        }
        var a = Run(Data.Value);
        var b = Run(MakeData(From, From.AddDays(21), 7));
        Assert.True(a.Length > 1000);
        Assert.Equal(a, b);
        Assert.NotEqual(a, Run(MakeData(From, From.AddDays(21), 8)));
    }

    /// <summary>A strategy that halts the engine at a given bar and then tries to trade itself.</summary>
    private sealed class Saboteur(KillSwitch kill, int haltAtBar, bool flatten) : Strategy
    {
        private int _bars;
        public Order? AfterHalt { get; private set; }
        public override string Name => "saboteur";
        public override void OnStart() => Context.Subscribe(Context.Universe[0], Timeframe.M5);
        public override void OnBar(in BarEvent bar)
        {
            if (++_bars == haltAtBar) kill.Halt(HaltSource.Manual, "test halt", flatten, Context.UtcNow, "test");
            if (_bars == haltAtBar + 1) AfterHalt = Buy(bar.Instrument, 10_000m, "saboteur");
        }
    }

    [Fact]
    public void Kill_switch_cancels_flattens_and_blocks_new_orders_at_the_OMS_until_resumed()
    {
        var audit = new InMemoryAuditLog();
        var kill = new KillSwitch(new InMemoryKillSwitchStore(), audit);
        var decisions = new DecisionStrategy(Setup(audit, kill: kill));
        var saboteur = new Saboteur(kill, haltAtBar: 2000, flatten: true);
        var settings = new BacktestSettings { PreTradeChecks = [new KillSwitchPreTradeCheck(kill)] };
        var result = new BacktestEngine(settings).Run(Data.Value, [(decisions, new StrategyParameters()), (saboteur, new StrategyParameters())]);

        Assert.True(kill.IsHalted);
        var haltTime = kill.State.ChangedUtc;
        Assert.Equal(OrderState.Rejected, saboteur.AfterHalt!.State);
        Assert.Equal(RejectReason.PreTradeCheck, saboteur.AfterHalt.RejectReason);
        Assert.Contains("kill switch", saboteur.AfterHalt.LastReason, StringComparison.Ordinal);
        // After the halt: no order that adds risk was accepted, and the book was flattened at once.
        var acceptedAfter = result.OrderEvents.Where(e => e.Time > haltTime && e.Kind == OrderEventKind.Accepted && !e.Order.ReduceOnly).ToArray();
        Assert.Empty(acceptedAfter);
        Assert.DoesNotContain(result.Trades, t => t.ExitTime > haltTime.AddMinutes(10));
        Assert.Contains(audit.Records, r => r.Kind == AuditKinds.Halt);
        var decisionsAfter = audit.Records.Where(r => r.Kind == AuditKinds.Decision && r.TimeUtc > haltTime).ToArray();
        Assert.NotEmpty(decisionsAfter);
        Assert.All(decisionsAfter, r => Assert.Contains("\"halted\":true", r.Payload, StringComparison.Ordinal));
        Assert.True(AuditVerifier.Verify(audit.Records).Ok);
    }
}
