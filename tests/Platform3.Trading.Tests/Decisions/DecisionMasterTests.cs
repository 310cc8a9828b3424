using System.Text.Json;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Signals;
using Platform3.Trading.Audit;
using Platform3.Trading.Decisions;
using Platform3.Trading.Risk;
using static Platform3.Trading.Tests.Decisions.DecisionTestKit;

namespace Platform3.Trading.Tests.Decisions;

public class DecisionMasterTests
{
    private static readonly DateTime T = Utc(2017, 3, 8, 14);
    private static readonly TimeSpan H = TimeSpan.FromHours(1);

    /// <summary>Records what the engine asked the trading side to do (the kernel adapter is tested with the real OMS).</summary>
    private sealed class RecordingGateway : IExecutionGateway
    {
        public List<ExecutionPlan> Plans { get; } = [];
        public List<string> Cancels { get; } = [];
        public List<string> Flattens { get; } = [];
        public void Submit(ExecutionPlan plan) => Plans.Add(plan);
        public void CancelAllWorking(string reason) => Cancels.Add(reason);
        public void FlattenAll(string reason) => Flattens.Add(reason);
    }

    private static (DecisionMaster Master, InMemoryAuditLog Audit, RecordingGateway Gateway) Make(DecisionEngineConfig? config = null)
    {
        var audit = new InMemoryAuditLog();
        var gateway = new RecordingGateway();
        var kill = new KillSwitch(new InMemoryKillSwitchStore(), audit);
        var master = new DecisionMaster(config ?? DecisionEngineConfig.Default, Catalog, FxCalendar.Default, Currency.USD, audit, kill, gateway, "bt");
        SetAll(master.Prices, T);
        master.MarkEquity(T, 100_000);
        return (master, audit, gateway);
    }

    private static SignalInput[] Long(DateTime t, double p = 0.7) =>
    [
        SignalInput.FromProbabilities("model:day", "EURUSD", t, H, p, 1 - p, "day-eurusd@3"),
        new("ma-cross(10,50)", SignalKind.Technical, "EURUSD", SignalDirection.Long, 0.5, H, t),
    ];

    [Fact]
    public void A_buy_is_sized_planned_submitted_and_persisted()
    {
        var (m, audit, gw) = Make();
        var e = m.Decide(I("EURUSD"), T, Long(T), new MarketContext(0.0010, FeatureVectorHash: FeatureHash.Of([1.0, 2.0])));
        Assert.Equal(DecisionType.Buy, e.DecisionType);
        Assert.True(e.RiskAssessment!.Approved);
        var plan = Assert.Single(gw.Plans);
        Assert.Equal(PlanSide.Buy, plan.Side);
        Assert.Equal(PlanPurpose.Open, plan.Purpose);
        // 0.5% of 100k over a 1.5-ATR (15 pip) stop = 333,333 → 3.33 lots, then capped by the 2x net USD limit at 1.81 lots.
        Assert.Equal(181_000m, plan.Units);
        Assert.Equal("bt-0000001", e.DecisionId);
        Assert.Equal(["day-eurusd@3"], e.ModelVersions);
        Assert.Equal(audit.Records[^1].Hash, e.RecordHash);
        using var json = JsonDocument.Parse(audit.Records[^1].Payload);
        var root = json.RootElement;
        Assert.Equal("BUY", root.GetProperty("decision_type").GetString());
        Assert.Equal(2, root.GetProperty("signal_sources").GetArrayLength());
        Assert.Equal("day-eurusd@3", root.GetProperty("signal_sources")[0].GetProperty("model").GetString());
        Assert.Equal("181000", root.GetProperty("risk_assessment").GetProperty("approved_units").GetString());
        Assert.Equal(e.FeatureVectorHash, root.GetProperty("feature_vector_hash").GetString());
        Assert.Equal(1, root.GetProperty("execution_plan").GetArrayLength());
    }

    [Fact]
    public void Holds_and_rejections_are_logged_too()
    {
        var (m, audit, gw) = Make();
        var hold = m.Decide(I("EURUSD"), T, [], new MarketContext(0.001));
        Assert.Equal(DecisionType.Hold, hold.DecisionType);
        Assert.Null(hold.RiskAssessment);
        var saturday = Utc(2017, 3, 11, 12);
        var rejected = m.Decide(I("EURUSD"), saturday, Long(saturday), new MarketContext(0.001));
        Assert.Equal(DecisionType.Buy, rejected.DecisionType);
        Assert.False(rejected.RiskAssessment!.Approved);
        Assert.Contains("rejected by risk", rejected.Reason);
        Assert.Empty(gw.Plans);
        Assert.Equal(2, audit.Count);
        Assert.Contains("market_closed", audit.Records[1].Payload);
    }

    [Fact]
    public void A_daily_loss_halts_cancels_flattens_and_lifts_on_the_next_trading_day()
    {
        var (m, audit, gw) = Make();
        m.MarkEquity(T.AddMinutes(1), 96_500); // −3.5% today
        var e = m.Decide(I("EURUSD"), T.AddMinutes(1), Long(T.AddMinutes(1)), new MarketContext(0.001));
        Assert.True(e.Halted);
        Assert.False(e.RiskAssessment!.Approved);
        Assert.Single(gw.Cancels);
        Assert.Single(gw.Flattens);
        Assert.Equal(AuditKinds.Halt, audit.Records[0].Kind);
        Assert.Contains("daily_loss", audit.Records[0].Payload);
        // Next trading day (after 22:00 UTC): the day's loss resets and the halt lifts itself.
        var tomorrow = Utc(2017, 3, 9, 9);
        m.MarkEquity(tomorrow, 96_500);
        var next = m.Decide(I("EURUSD"), tomorrow, Long(tomorrow), new MarketContext(0.001));
        Assert.False(next.Halted);
        Assert.True(next.RiskAssessment!.Approved);
        Assert.Contains(audit.Records, r => r.Kind == AuditKinds.Resume);
        Assert.True(AuditVerifier.Verify(audit.Records).Ok);
    }

    [Fact]
    public void A_drawdown_halt_stays_until_resumed()
    {
        var (m, _, _) = Make();
        m.MarkEquity(T.AddMinutes(1), 84_000);
        m.Decide(I("EURUSD"), T.AddMinutes(1), [], new MarketContext(0.001));
        Assert.Equal(HaltSource.Drawdown, m.KillSwitch.State.Source);
        var later = Utc(2017, 3, 10, 9);
        m.MarkEquity(later, 99_000);
        m.Decide(I("EURUSD"), later, Long(later), new MarketContext(0.001));
        Assert.True(m.KillSwitch.IsHalted);
        m.KillSwitch.Resume("reviewed", later, "risk officer");
        Assert.True(m.Decide(I("EURUSD"), later, Long(later), new MarketContext(0.001)).RiskAssessment!.Approved);
    }

    [Fact]
    public void Flip_closes_and_reverses_in_one_cycle()
    {
        var rules = DecisionRules.Default with { OnOpposite = OppositeSignalPolicy.Flip };
        var (m, _, gw) = Make(DecisionEngineConfig.Default with { Rules = rules });
        m.Portfolio.SetPosition(I("EURUSD"), 100_000, 1.1);
        var e = m.Decide(I("EURUSD"), T, Long(T, 0.2).Select(s => s.Source == "ma-cross(10,50)"
            ? new SignalInput(s.Source, s.Kind, s.Symbol, SignalDirection.Short, 0.5, s.Horizon, s.Time) : s).ToArray(), new MarketContext(0.001));
        Assert.Equal(DecisionType.Sell, e.DecisionType);
        Assert.Equal(2, gw.Plans.Count);
        Assert.Equal(PlanPurpose.Close, gw.Plans[0].Purpose);
        Assert.Equal(100_000m, gw.Plans[0].Units);
        Assert.Equal(PlanPurpose.Open, gw.Plans[1].Purpose);
        Assert.Equal(100_000, m.Portfolio.Units(I("EURUSD"))); // the snapshot is the host's; it was not changed
    }

    [Fact]
    public void Reduce_closes_a_share_of_the_position_in_whole_lot_steps()
    {
        var (m, _, gw) = Make();
        m.Portfolio.SetPosition(I("EURUSD"), 150_000, 1.1);
        var weakShort = new SignalInput("ta", SignalKind.Technical, "EURUSD", SignalDirection.Short, 0.07, H, T);
        var e = m.Decide(I("EURUSD"), T, [weakShort], new MarketContext(0.001));
        Assert.Equal(DecisionType.Reduce, e.DecisionType);
        Assert.Equal(75_000m, Assert.Single(gw.Plans).Units);
        Assert.True(e.RiskAssessment!.RiskReducing);
    }

    [Fact]
    public void A_signal_for_another_symbol_is_refused()
    {
        var (m, _, _) = Make();
        Assert.Throws<ArgumentException>(() => m.Decide(I("GBPUSD"), T, Long(T), new MarketContext(0.001)));
    }

    /// <summary>The same seed gives the same sequence of decision hashes; another seed does not.</summary>
    [Fact]
    public void Same_seed_gives_the_same_sequence_of_decision_hashes()
    {
        static string[] Run(int seed)
        {
            var (m, audit, gw) = Make(DecisionEngineConfig.Default with
            {
                Rules = DecisionRules.Default with { Weighting = SourceWeighting.HitRate, MinSamples = 10 },
            });
            var rng = new Random(seed);
            var mids = Catalog.All.Select(i => UsdValue[i.Base.Code] / UsdValue[i.Quote.Code]).ToArray();
            var symbols = new[] { "EURUSD", "GBPUSD", "USDJPY" };
            var t = T;
            for (var step = 0; step < 300; step++)
            {
                t = t.AddMinutes(15);
                for (var k = 0; k < mids.Length; k++)
                {
                    mids[k] *= Math.Exp((rng.NextDouble() - 0.5) * 0.002);
                    var half = Catalog[k].PipSizeD / 2;
                    m.OnQuote(Catalog[k], t, mids[k] - half, mids[k] + half);
                }
                foreach (var p in gw.Plans)
                    m.Portfolio.SetPosition(p.Instrument, m.Portfolio.Units(p.Instrument) + (int)p.Side * (double)p.Units, p.DecisionPrice);
                gw.Plans.Clear();
                m.MarkEquity(t, 100_000 + (rng.NextDouble() - 0.5) * 1_000);
                foreach (var sym in symbols)
                {
                    var pUp = rng.NextDouble();
                    SignalInput[] s =
                    [
                        SignalInput.FromProbabilities("model:day", sym, t, H, pUp, 1 - pUp, "day@1"),
                        new("rsi", SignalKind.Technical, sym, (SignalDirection)rng.Next(-1, 2), rng.NextDouble(), H, t),
                    ];
                    m.Decide(I(sym), t, s, new MarketContext(mids[I(sym).Id] * 0.001, FeatureVectorHash: FeatureHash.Of([pUp])));
                }
            }
            Assert.True(AuditVerifier.Verify(audit.Records).Ok);
            return audit.Records.Select(r => r.Hash).ToArray();
        }
        var a = Run(42);
        var b = Run(42);
        Assert.Equal(900, a.Length);
        Assert.Equal(a, b);
        Assert.NotEqual(a, Run(43));
    }
}
