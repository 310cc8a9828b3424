using Platform3.Core.Errors;
using Platform3.Trading.Strategies.Examples;

namespace Platform3.Trading.Strategies;

/// <summary>One parameter a strategy reads: its name, default and meaning (shown by --help and used by optimisers).</summary>
public sealed record ParameterInfo(string Name, string Default, string Description);

/// <summary>A strategy the CLI can run by name.</summary>
public sealed record StrategyDescriptor(string Name, string Description, IReadOnlyList<ParameterInfo> Parameters, Func<Strategy> Create);

/// <summary>The strategies known by name. Other layers add theirs with <see cref="Register"/>.</summary>
public static class StrategyCatalog
{
    private static readonly Dictionary<string, StrategyDescriptor> ByName = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lock Gate = new();

    static StrategyCatalog()
    {
        Register(MaCrossStrategy.Descriptor);
        Register(RsiMeanReversionStrategy.Descriptor);
        Register(DonchianBreakoutStrategy.Descriptor);
        Register(LondonBreakoutStrategy.Descriptor);
    }

    public static void Register(StrategyDescriptor descriptor)
    {
        lock (Gate) ByName[descriptor.Name] = descriptor;
    }

    public static IReadOnlyList<StrategyDescriptor> All
    {
        get { lock (Gate) return ByName.Values.OrderBy(d => d.Name, StringComparer.Ordinal).ToArray(); }
    }

    public static StrategyDescriptor Get(string name)
    {
        lock (Gate)
        {
            if (ByName.TryGetValue(name.Trim(), out var d)) return d;
            throw new UsageException($"Unknown strategy '{name}'. Known strategies: {string.Join(", ", ByName.Keys.Order(StringComparer.Ordinal))}.");
        }
    }
}
