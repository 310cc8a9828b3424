using Platform3.Core.Domain;
using Platform3.Core.Signals;
using Platform3.Engines.TechnicalAnalysis.Candlesticks;

namespace Platform3.Trading.Decisions.Hosting;

/// <summary>
/// Candlestick patterns of the TA engine as signals: a pattern completing on a closed bar with +100 (bullish) or
/// −100 (bearish) is a pattern signal of strength 0.5 (±200, a confirmed pattern, is 1.0), in force for
/// <c>horizonBars</c> bars of the decision timeframe.
/// </summary>
public sealed class PatternSignalSource : ISignalSource
{
    private readonly Dictionary<int, (CandlePattern Pattern, SignalInput? Last)[]> _bySymbol = [];
    private readonly TimeSpan _horizon;

    public string Name => "patterns";

    public PatternSignalSource(IEnumerable<Instrument> instruments, Timeframe timeframe, int horizonBars = 3, IReadOnlyList<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        if (horizonBars < 1) throw new ArgumentOutOfRangeException(nameof(horizonBars));
        _horizon = TimeSpan.FromTicks(timeframe.DurationTicks * horizonBars);
        foreach (var i in instruments)
            _bySymbol[i.Id] = CandlePatterns.CreateAll()
                .Where(p => only is null || only.Contains(p.Name, StringComparer.OrdinalIgnoreCase))
                .Select(p => (p, (SignalInput?)null)).ToArray();
    }

    public void OnSlice(ReadOnlySpan<SliceBar> slice, DateTime closeUtc)
    {
        foreach (var (instrument, bar) in slice)
        {
            if (!_bySymbol.TryGetValue(instrument.Id, out var patterns)) continue;
            for (var p = 0; p < patterns.Length; p++)
            {
                var pattern = patterns[p].Pattern;
                pattern.Update(bar);
                if (!pattern.IsReady) continue;
                var v = pattern.Value;
                if (v == 0 || double.IsNaN(v)) continue;
                patterns[p].Last = new SignalInput("pattern:" + pattern.Name, SignalKind.Pattern, instrument.Symbol,
                    v > 0 ? SignalDirection.Long : SignalDirection.Short, Math.Min(1, Math.Abs(v) / 200), _horizon, closeUtc);
            }
        }
    }

    public void Collect(Instrument instrument, DateTime nowUtc, List<SignalInput> into)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(into);
        if (!_bySymbol.TryGetValue(instrument.Id, out var patterns)) return;
        foreach (var (_, last) in patterns)
            if (last is { } s && s.IsActiveAt(nowUtc)) into.Add(s);
    }
}
