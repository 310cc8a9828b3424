using System.Diagnostics;
using Platform3.Core.Domain;
using Platform3.Core.Signals;
using Platform3.Trading.Audit;
using Platform3.Trading.Decisions;
using Platform3.Trading.Decisions.Fusion;

namespace Platform3.Bench;

/// <summary>
/// The audit trail's own cost per record, apart from the decision cycle: a HOLD decision record as the end-to-end
/// backtest writes one on most bars (one model signal, fusion, no risk, no plan, a model version and a feature
/// fingerprint; each record a fresh decision id, times and numbers), serialised alone and logged (canonical JSON +
/// SHA-256 chain link + in-memory append), and the order and fill records of the fill path. Thread CPU ns per record:
/// the minimum and median of 15 batches after a warm-up of at least a second.
/// </summary>
public sealed class DecisionAuditBench : IBenchmark
{
    public string Name => "decision-audit";
    public string Description => "Audit records: HOLD decision JSON, decision log (JSON + SHA-256 + append), order and fill records (ns per record)";

    private const int Distinct = 4096;
    private const int Batch = 20_000;

    public void Run(TextWriter output)
    {
        output.WriteLine($"load average before: {DecisionLatencyBench.LoadAverage()}; thread CPU ns per record, min / median of 15 batches of {Batch:N0}");
        var events = HoldRecords();
        output.WriteLine($"HOLD record: {new DecisionEventJson().SerializeUtf8(events[0]).Length} bytes");
        output.WriteLine();
        output.WriteLine("| work | min ns | median ns |");
        output.WriteLine("|---|---|---|");
        var json = new DecisionEventJson();
        var n = 0;
        Measure(output, "HOLD decision: canonical JSON only", () => json.SerializeUtf8(events[n++ & (Distinct - 1)]));
        var log = new InMemoryAuditLog(keepLast: 8192);
        var logger = new DecisionLogger(log);
        Measure(output, "HOLD decision: JSON + SHA-256 chain link + in-memory append", () => logger.LogDecision(events[n++ & (Distinct - 1)]));
        var ids = Enumerable.Range(1, Distinct).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var time = new DateTime(2024, 3, 4, 10, 0, 0, DateTimeKind.Utc);
        Measure(output, "order record (accepted, market) + chain link + append", () =>
        {
            var k = n++ & (Distinct - 1);
            logger.LogOrder(events[k].DecisionId, time, ids[k], "accepted", "EURUSD", "buy", 12_000m, "market", null, null);
        });
        Measure(output, "fill record + chain link + append", () =>
        {
            var k = n++ & (Distinct - 1);
            logger.LogFill(events[k].DecisionId, time, ids[k], "EURUSD", "buy", 12_000m, 1.08735m, 1.08731, 0.4, 0.36m);
        });
    }

    private static void Measure(TextWriter output, string label, Action step)
    {
        var until = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < until) for (var i = 0; i < 1000; i++) step();
        var per = new double[15];
        for (var r = 0; r < per.Length; r++)
        {
            var start = ThreadCpuClock.NowNanoseconds();
            for (var i = 0; i < Batch; i++) step();
            per[r] = (ThreadCpuClock.NowNanoseconds() - start) / (double)Batch;
        }
        Array.Sort(per);
        output.WriteLine($"| {label} | {BenchRunner.F(per[0], 0)} | {BenchRunner.F(per[per.Length / 2], 0)} |");
    }

    /// <summary>HOLD records shaped as the e2e backtest's: distinct ids, instants, probabilities and fingerprints.</summary>
    private static TradingDecisionEvent[] HoldRecords()
    {
        var rng = new Random(7);
        var start = new DateTime(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc);
        var models = new[] { "e2e-m5@1" };
        var horizon = TimeSpan.FromMinutes(20);
        var records = new TradingDecisionEvent[Distinct];
        Span<float> row = stackalloc float[69];
        for (var i = 0; i < Distinct; i++)
        {
            var t = start.AddMinutes(5 * i);
            var p = 0.3 + 0.4 * rng.NextDouble();
            var signal = SignalInput.FromProbabilities("model:e2e-m5", "EURUSD", t, horizon, p, 1 - p, "e2e-m5@1");
            var confidence = Math.Abs(2 * p - 1);
            var fused = new FusedSignal(signal.Direction, confidence, 1, signal.Score, FusionMethod.WeightedAverage, false, 1, "");
            for (var k = 0; k < row.Length; k++) row[k] = (float)rng.NextDouble();
            var reason = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"confidence {confidence:F2} is below min_confidence 0.55");
            records[i] = WithFingerprint(new TradingDecisionEvent
            {
                DecisionId = $"bt-{i + 1:D7}",
                Timestamp = t,
                Symbol = "EURUSD",
                DecisionType = DecisionType.Hold,
                Confidence = confidence,
                Reason = string.Intern(reason),
                SignalSources = [new WeightedSignal(signal, 1)],
                Fusion = fused,
                PositionBefore = 0,
                ExecutionPlans = [],
                ModelVersions = models,
                Halted = false,
            }, row);
        }
        return records;
    }

    private static TradingDecisionEvent WithFingerprint(TradingDecisionEvent e, ReadOnlySpan<float> row) => e with { FeatureDigest = FeatureDigest.Of(row) };
}
