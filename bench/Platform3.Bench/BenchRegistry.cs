namespace Platform3.Bench;

/// <summary>The list of benchmarks; each area adds its own line.</summary>
internal static class BenchRegistry
{
    public static IEnumerable<IBenchmark> All()
    {
        yield return new TradingMaCrossBenchmark();
        yield return new TradingMaCrossTenPairsBenchmark();
        yield return new TradingKernelLoopBenchmark();
        yield return new TradingOrderPathBenchmark();
        yield return new MarketDataImportBenchmark();
        yield return new MarketDataLoadBenchmark();
        yield return new MarketDataResampleBenchmark();
        yield return new DecisionLatencyBench();
        yield return new DecisionEndToEndBench();
        yield return new DecisionAuditBench();
        yield return new TaBatchBenchmark();
        yield return new TaStreamBenchmark();
        yield return new TaPatternScanBenchmark();
        yield return new AiFeatureBuildBench();
        yield return new AiOnlineUpdateBench();
        yield return new AiOnlineSliceBench();
        yield return new AiTrainBench();
        yield return new AiPredictBench();
        yield return new AiPredictRowBench();
        yield return new AiBatchBench();
        yield return new AiHotSwapBench();
    }
}
