namespace Platform3.Bench;

/// <summary>The list of benchmarks; each area adds its own line.</summary>
internal static class BenchRegistry
{
    public static IEnumerable<IBenchmark> All()
    {
        yield return new MarketDataImportBenchmark();
        yield return new MarketDataLoadBenchmark();
        yield return new MarketDataResampleBenchmark();
        yield return new DecisionLatencyBench();
        yield return new DecisionEndToEndBench();
    }
}
