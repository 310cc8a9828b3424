using System.Security.Cryptography;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Core.Signals;
using Platform3.MarketData.Resampling;
using Platform3.MarketData.Synthetic;
using Platform3.Trading.Audit;
using Platform3.Trading.Backtesting;
using Platform3.Trading.Decisions;
using Platform3.Trading.Decisions.Hosting;
using Platform3.Trading.PortfolioManagement;
using Platform3.Trading.Risk;
using static Platform3.Trading.Tests.Decisions.DecisionTestKit;

namespace Platform3.Trading.Tests.Decisions;

/// <summary>
/// Pins the exact decisions of seeded runs to hashes recorded before the decision path was optimised, so a
/// performance change that alters any decision, risk figure, reason text or monitoring event fails here. The runs
/// exercise VaR (historical, parametric, both), size capping by several limits, Kelly and volatility-target sizing,
/// flips and closes. If a deliberate behaviour change moves these, re-record them and say why in the commit.
/// </summary>
public class DecisionHashPinTests
{
    private static readonly DateTime T0 = Utc(2017, 3, 6, 0);
    private static readonly TimeSpan H = TimeSpan.FromHours(1);

    private sealed class FillingGateway : IExecutionGateway
    {
        public List<ExecutionPlan> Plans { get; } = [];
        public void Submit(ExecutionPlan plan) => Plans.Add(plan);
        public void CancelAllWorking(string reason) { }
        public void FlattenAll(string reason) { }
    }

    private static (string[] Hashes, int Capped, int Approved) RunMaster(DecisionEngineConfig config, int seed, int steps)
    {
        var audit = new InMemoryAuditLog();
        var gw = new FillingGateway();
        var kill = new KillSwitch(new InMemoryKillSwitchStore(), audit);
        var m = new DecisionMaster(config, Catalog, FxCalendar.Default, Currency.USD, audit, kill, gw, "pin");
        var rng = new Random(seed);
        var mids = Catalog.All.Select(i => UsdValue[i.Base.Code] / UsdValue[i.Quote.Code]).ToArray();
        var symbols = new[] { "EURUSD", "GBPUSD", "USDJPY", "EURGBP", "AUDUSD" };
        var t = T0;
        int capped = 0, approved = 0;
        for (var step = 0; step < steps; step++)
        {
            t = t.AddMinutes(15);
            if (!FxCalendar.Default.IsOpen(t)) continue;
            for (var k = 0; k < mids.Length; k++)
            {
                mids[k] *= Math.Exp((rng.NextDouble() - 0.5) * 0.003);
                var half = Catalog[k].PipSizeD / 2;
                m.OnQuote(Catalog[k], t, mids[k] - half, mids[k] + half);
            }
            foreach (var p in gw.Plans)
                m.Portfolio.SetPosition(p.Instrument, m.Portfolio.Units(p.Instrument) + (int)p.Side * (double)p.Units, p.DecisionPrice);
            gw.Plans.Clear();
            m.MarkEquity(t, 100_000 + (rng.NextDouble() - 0.5) * 2_000);
            foreach (var sym in symbols)
            {
                var pUp = rng.NextDouble();
                SignalInput[] s =
                [
                    SignalInput.FromProbabilities("model:day", sym, t, H, pUp, 1 - pUp, "day@1"),
                    new("rsi", SignalKind.Technical, sym, (SignalDirection)rng.Next(-1, 2), rng.NextDouble(), H, t),
                    new("engulfing", SignalKind.Pattern, sym, (SignalDirection)rng.Next(-1, 2), rng.NextDouble(), H, t),
                ];
                var e = m.Decide(I(sym), t, s, new MarketContext(mids[I(sym).Id] * 0.0015, FeatureVectorHash: FeatureHash.Of([pUp])));
                if (e.RiskAssessment is { Approved: true } r)
                {
                    approved++;
                    if (r.Notes.Any(n => n.StartsWith("size capped", StringComparison.Ordinal))) capped++;
                }
            }
        }
        Assert.True(AuditVerifier.Verify(audit.Records).Ok);
        return (audit.Records.Select(r => r.Hash).ToArray(), capped, approved);
    }

    private static readonly DecisionRules Eager = DecisionRules.Default with { MinConfidence = 0.05, MinAgreement = 0.5, Cooldown = TimeSpan.Zero, MaxTradesPerDay = 1000 };

    public static TheoryData<string, string, string, string> Variants => new()
    {
        // name, hash of the first record, head hash, "records/approved/capped"
        { "historical", "f1b3080e05799ec89d2e6eeaf27cfe405bac25042f92a0b48627f457a6095b1d", "9a29bddd54c6d03f93ba459b06cd71a9b2aba0f7aadb74242eea92ac4a3d24c9", "6100/1954/803" },
        { "parametric-kelly", "d23196b488a010d1b911c657fd04d44ace4f5303280d8c324a94dd376e291620", "9f6d0b5f810320a0fa622c6105de29788df8d097f4cd097765c3721af9ff11d5", "6100/2180/1044" },
        { "both-voltarget-tight", "193aaf6df8a2368792f7f906cece474be9d110c739428da352237ec2a42f4e1e", "a6c6ee715a537533232df77ec42cc334df81a0d257db7b39571dd5eeeaf6db74", "6100/1861/774" },
    };

    private static DecisionEngineConfig ConfigOf(string name) => name switch
    {
        "historical" => DecisionEngineConfig.Default with { Rules = Eager },
        "parametric-kelly" => DecisionEngineConfig.Default with
        {
            Rules = Eager with { Weighting = SourceWeighting.HitRate, MinSamples = 10 },
            Limits = RiskLimits.Default with { VarMethod = VarMethod.Parametric, Sizing = SizingMethod.Kelly, KellyCap = 0.05, MaxVar = 0.01, MaxOpenPositions = 4 },
        },
        _ => DecisionEngineConfig.Default with
        {
            Rules = Eager,
            Limits = RiskLimits.Default with
            {
                VarMethod = VarMethod.Both, Sizing = SizingMethod.VolatilityTarget, AtrRisk = 0.02, MaxVar = 0.004, MaxCorrelatedExposure = 1.5,
                MaxGrossExposurePerCurrency = 1.2, MaxNetExposurePerCurrency = 0.8, MaxLeverage = 2.5, PositionVolTarget = 0.05, MinObservations = 30,
            },
        },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Seeded_decision_runs_keep_their_recorded_hashes(string variant, string first, string head, string shape)
    {
        var (hashes, capped, approved) = RunMaster(ConfigOf(variant), 2024, 1600);
        var actual = $"{hashes.Length}/{approved}/{capped}";
        Assert.Equal((first, head, shape), (hashes[0], hashes[^1], actual));
        Assert.True(capped > 0 && approved > capped, $"the run should exercise capped and uncapped approvals: {actual}");
    }

    /// <summary>The hosted engine on the kernel (prices, portfolio, equity, monitoring per fill and mark) is pinned too.</summary>
    [Fact]
    public void Seeded_backtest_keeps_its_recorded_audit_head_and_monitoring_events()
    {
        string[] symbols = ["EURUSD", "GBPUSD", "USDJPY"];
        var from = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var bars = new SyntheticMarket().M1(symbols, from, from.AddDays(28), SynthModel.Regime, 11);
        var data = new MarketDataSet();
        for (var k = 0; k < symbols.Length; k++)
            data.AddBars(I(symbols[k]), BarResampler.Resample(bars[k], Timeframe.M5, FxCalendar.Default));
        var audit = new InMemoryAuditLog();
        var strategy = new DecisionStrategy(new DecisionEngineSetup
        {
            Config = DecisionEngineConfig.Default with { Rules = Eager with { Cooldown = TimeSpan.FromMinutes(30), MaxTradesPerDay = 40 } },
            Timeframe = Timeframe.M15,
            Audit = audit,
            Sources = ctx =>
            [
                new TechnicalSignalSource(["ma-cross(5,20)", "rsi-threshold(14,35,65)", "donchian-breakout(20)"], ctx.Universe, Timeframe.M15, ctx.Calendar),
                new PatternSignalSource(ctx.Universe, Timeframe.M15),
            ],
        });
        var result = new BacktestEngine(new BacktestSettings()).Run(data, strategy);
        Assert.Null(result.LedgerProblem);
        var path = Path.Combine(Path.GetTempPath(), $"p3-pin-{Guid.NewGuid():N}.jsonl");
        try
        {
            strategy.Monitor.WriteJsonLines(path);
            var monitoring = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)))[..16];
            var shape = $"{audit.Count}/{strategy.Master.Decisions}/{strategy.Monitor.Events.Count}/{result.Trades.Count}";
            Assert.Equal(("918f696af3720d56a5c1e77a58fc7111a20b58e7d27ecd96ee9e94b9605478c4", "9b717f545019690e", "8780/5496/4669/612"), (audit.HeadHash, monitoring, shape));
        }
        finally { File.Delete(path); }
    }
}
