using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.AI.Features;

/// <summary>
/// Builds a feature matrix by replaying bars through a <see cref="FeatureEngine"/> — the same code the
/// online store runs, so values agree bit for bit. With cross-pair features every pair's bars are replayed
/// in time slices (all bars closing at t update the cross market before the symbol's row for t).
/// Rows before <paramref name="outputFromUtc"/> only warm the engine up; rows not yet ready are counted
/// as warm-up and excluded.
/// </summary>
public static class OfflineFeatureBuilder
{
    public static FeatureFrame Build(FeatureSet set, Instrument instrument, BarSeries bars, FxCalendar calendar,
        IReadOnlyList<BarSeries>? universe = null, DateTime? outputFromUtc = null, DateTime? outputToUtc = null, string? fingerprint = null)
    {
        var market = set.UsesCrossMarket ? NewMarket(instrument, bars, universe) : null;
        var engine = new FeatureEngine(set, new FeatureContext(instrument, bars.Timeframe, calendar, market));
        var from = outputFromUtc?.Ticks ?? long.MinValue;
        var to = outputToUtc?.Ticks ?? long.MaxValue;
        var width = engine.Count;
        var barTime = new List<long>(bars.Count);
        var knownAt = new List<long>(bars.Count);
        var values = new List<double>(bars.Count * width);
        var warmUp = 0;

        void Emit(int i)
        {
            var t = bars.Time[i];
            if (t < from || t >= to) return;
            if (!engine.IsReady) { warmUp++; return; }
            barTime.Add(t);
            knownAt.Add(engine.KnownAtTicks);
            foreach (var v in engine.Values) values.Add(v);
        }

        if (market is null)
        {
            for (var i = 0; i < bars.Count; i++)
            {
                engine.Update(bars[i]);
                Emit(i);
            }
        }
        else
        {
            var slices = new TimeSlicer(universe!.Where(s => s.Symbol != instrument.Symbol).Append(bars).ToArray());
            while (slices.Next(out var sliceTime))
            {
                foreach (var (series, index) in slices.Current) market.Update(series.Symbol, series[index]);
                var own = bars.LowerBound(sliceTime);
                if (own < bars.Count && bars.Time[own] == sliceTime)
                {
                    engine.Update(bars[own]);
                    Emit(own);
                }
            }
        }
        return new FeatureFrame
        {
            FeatureSet = set.Id, FeatureSetHash = set.Hash(bars.Timeframe), Symbol = instrument.Symbol, Timeframe = bars.Timeframe.Name,
            Names = engine.Names, BarTime = [.. barTime], KnownAt = [.. knownAt], Values = [.. values], WarmUpExcluded = warmUp,
            DataFingerprint = fingerprint ?? DataFingerprint.Of([bars, .. universe ?? []], outputFromUtc, outputToUtc).ContentHash,
        };
    }

    public static CrossMarket NewMarket(Instrument instrument, BarSeries bars, IReadOnlyList<BarSeries>? universe)
    {
        var catalog = InstrumentCatalog.Builtin;
        var symbols = (universe ?? []).Select(s => s.Symbol).Append(bars.Symbol).Distinct();
        return new CrossMarket(symbols.Select(s => s == instrument.Symbol ? instrument : catalog.Get(s)));
    }

    /// <summary>Walks several series (same timeframe) in increasing bar time, one time slice at a time.</summary>
    internal sealed class TimeSlicer(IReadOnlyList<BarSeries> series)
    {
        private readonly int[] _next = new int[series.Count];
        public List<(BarSeries Series, int Index)> Current { get; } = new(series.Count);

        public bool Next(out long time)
        {
            time = long.MaxValue;
            for (var s = 0; s < series.Count; s++)
                if (_next[s] < series[s].Count) time = Math.Min(time, series[s].Time[_next[s]]);
            Current.Clear();
            if (time == long.MaxValue) return false;
            for (var s = 0; s < series.Count; s++)
                if (_next[s] < series[s].Count && series[s].Time[_next[s]] == time) Current.Add((series[s], _next[s]++));
            return true;
        }
    }
}
