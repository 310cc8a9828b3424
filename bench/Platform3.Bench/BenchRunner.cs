using System.Diagnostics;
using System.Globalization;

namespace Platform3.Bench;

/// <summary>One named benchmark: it runs its own work and prints result lines (markdown table rows).</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    void Run(TextWriter output);
}

public static class BenchRunner
{
    /// <summary>Every benchmark, by name. Each area adds its own line.</summary>
    private static IEnumerable<IBenchmark> All() => BenchRegistry.All();

    public static int Run(string[] args)
    {
        var all = All().ToDictionary(b => b.Name, StringComparer.OrdinalIgnoreCase);
        if (args.Length == 0)
        {
            Console.WriteLine("Benchmarks (run one or more by name, or 'all'):");
            foreach (var b in all.Values) Console.WriteLine($"  {b.Name,-24} {b.Description}");
            return 0;
        }
        var names = args.Length == 1 && args[0] == "all" ? all.Keys.ToArray() : args;
        foreach (var name in names)
        {
            if (!all.TryGetValue(name, out var bench)) { Console.Error.WriteLine($"unknown benchmark '{name}'"); return 1; }
            Console.WriteLine($"## {bench.Name}: {bench.Description}");
            Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {DateTime.UtcNow:yyyy-MM-dd}");
            bench.Run(Console.Out);
            Console.WriteLine();
        }
        return 0;
    }

    /// <summary>Runs <paramref name="work"/> after warm-up and returns per-run times, sorted (ms).</summary>
    public static double[] Time(Action work, int warmup = 2, int runs = 7)
    {
        for (var i = 0; i < warmup; i++) work();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            work();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        Array.Sort(times);
        return times;
    }

    public static double Median(double[] sorted) => sorted[sorted.Length / 2];

    public static string F(double v, int decimals = 2) => v.ToString("F" + decimals, CultureInfo.InvariantCulture);
}
