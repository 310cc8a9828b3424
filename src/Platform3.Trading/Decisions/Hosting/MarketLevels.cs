using System.Runtime.CompilerServices;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;
using Platform3.Engines.TechnicalAnalysis;
using Platform3.Engines.TechnicalAnalysis.ChartPatterns;
using Platform3.Trading.Audit;

namespace Platform3.Trading.Decisions.Hosting;

/// <summary>
/// Per-symbol ATR (TA engine, on the decision timeframe) and, when stops are placed at levels, the nearest
/// support below and resistance above the close from zigzag pivots clustered by the TA engine. Only pivots
/// confirmed by the current bar are used.
/// </summary>
public sealed class MarketLevels
{
    private readonly Dictionary<int, (Indicator Atr, ZigZag? ZigZag)> _bySymbol = [];
    private readonly double _toleranceAtr;

    public MarketLevels(IEnumerable<Instrument> instruments, Timeframe timeframe, FxCalendar calendar, int atrPeriod = 14, bool levels = false, double toleranceAtr = 0.5)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        _toleranceAtr = toleranceAtr;
        foreach (var i in instruments)
            _bySymbol[i.Id] = (IndicatorFactory.Create($"atr({atrPeriod})"), levels ? new ZigZag(ZigZagSettings.ByAtr(3, atrPeriod), timeframe, calendar) : null);
    }

    public void OnBar(Instrument instrument, in Bar bar)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (!_bySymbol.TryGetValue(instrument.Id, out var s)) return;
        s.Atr.Update(bar);
        s.ZigZag?.Update(bar);
    }

    public MarketContext Context(Instrument instrument, double lastClose, string? featureHash, FeatureDigest featureDigest = default)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (!_bySymbol.TryGetValue(instrument.Id, out var s)) return new MarketContext(double.NaN, FeatureVectorHash: featureHash, FeatureDigest: featureDigest);
        var atr = s.Atr.IsReady ? s.Atr.Value : double.NaN;
        double support = double.NaN, resistance = double.NaN;
        if (s.ZigZag is { Pivots.Count: >= 2 } z && atr > 0)
        {
            foreach (var level in SupportResistance.Find(z.Pivots, _toleranceAtr * atr))
            {
                if (level.Price < lastClose && (double.IsNaN(support) || level.Price > support)) support = level.Price;
                if (level.Price > lastClose && (double.IsNaN(resistance) || level.Price < resistance)) resistance = level.Price;
            }
        }
        return new MarketContext(atr, support, resistance, featureHash, featureDigest);
    }
}
