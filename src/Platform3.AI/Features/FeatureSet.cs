using Platform3.AI.Common;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.AI.Features;

/// <summary>What a feature set's blocks are built for: the instrument, its timeframe, the calendar, and the cross-market for cross-pair blocks.</summary>
public sealed record FeatureContext(Instrument Instrument, Timeframe Timeframe, FxCalendar Calendar, CrossMarket? Market = null);

/// <summary>
/// A named, versioned list of feature definitions (<c>name@version</c>). The hash covers every block's
/// canonical spec, so any change to a definition changes the hash (and invalidates cached builds); a
/// change of meaning must also bump the version.
/// </summary>
public sealed class FeatureSet
{
    private readonly Func<FeatureContext, IReadOnlyList<FeatureBlock>> _blocks;

    public string Name { get; }
    public int Version { get; }
    public string Id => $"{Name}@{Version}";
    public string Description { get; }
    /// <summary>Base timeframes this set can be built on (its higher-timeframe blocks must be above them).</summary>
    public IReadOnlyList<Timeframe> Timeframes { get; }
    public bool UsesCrossMarket { get; }

    public FeatureSet(string name, int version, string description, IReadOnlyList<Timeframe> timeframes, bool usesCrossMarket,
        Func<FeatureContext, IReadOnlyList<FeatureBlock>> blocks)
    {
        Name = name; Version = version; Description = description; Timeframes = timeframes; UsesCrossMarket = usesCrossMarket;
        _blocks = blocks;
    }

    public void CheckTimeframe(Timeframe tf)
    {
        if (!Timeframes.Contains(tf))
            throw new Core.Errors.UsageException($"Feature set {Id} is defined for {string.Join(", ", Timeframes)}, not {tf}.");
    }

    public IReadOnlyList<FeatureBlock> CreateBlocks(FeatureContext context)
    {
        CheckTimeframe(context.Timeframe);
        if (UsesCrossMarket && context.Market is null)
            throw new InvalidOperationException($"Feature set {Id} has cross-pair features and needs a CrossMarket.");
        return _blocks(context);
    }

    /// <summary>The column names, in order, for a timeframe.</summary>
    public IReadOnlyList<string> Names(Timeframe tf) => Probe(tf).SelectMany(b => b.Names).ToArray();

    /// <summary>SHA-256 of the set's id and every block's spec for a timeframe.</summary>
    public string Hash(Timeframe tf) => Hashing.Sha256($"{Id}|{tf}|engine=1|" + string.Join("|", Probe(tf).Select(b => b.Spec)));

    public int MaxWarmUp(Timeframe tf) => Probe(tf).Max(b => b.WarmUp);

    private IReadOnlyList<FeatureBlock> Probe(Timeframe tf)
    {
        var eurusd = InstrumentCatalog.Builtin.Get("EURUSD");
        return CreateBlocks(new FeatureContext(eurusd, tf, FxCalendar.Default, UsesCrossMarket ? new CrossMarket([eurusd]) : null));
    }

    public override string ToString() => Id;
}
