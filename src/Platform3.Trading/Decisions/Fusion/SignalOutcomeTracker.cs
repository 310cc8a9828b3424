using Platform3.Core.Domain;
using Platform3.Trading.PortfolioManagement;

namespace Platform3.Trading.Decisions.Fusion;

/// <summary>
/// Scores signals after the fact: each observed signal (and each cycle's feature row for the stacking model)
/// waits until its horizon has passed, then is scored against the mid known at that moment. This is what makes
/// the performance weights and the meta-model out-of-sample: nothing is scored before its outcome is known.
/// </summary>
public sealed class SignalOutcomeTracker
{
    private readonly PriorityQueue<PendingSignal, long> _signals = new();
    private readonly PriorityQueue<PendingRow, long> _rows = new();
    private readonly Dictionary<string, SourcePerformance> _performance = new(StringComparer.Ordinal);
    private readonly int _window;

    public LogisticMetaModel? MetaModel { get; }

    public SignalOutcomeTracker(int performanceWindow, LogisticMetaModel? metaModel)
    {
        _window = performanceWindow;
        MetaModel = metaModel;
    }

    public int PendingSignals => _signals.Count;
    public int PendingRows => _rows.Count;

    public SourcePerformance? PerformanceOf(string source) => _performance.GetValueOrDefault(source);

    public IEnumerable<SourcePerformance> AllPerformance => _performance.Values;

    public void ObserveSignal(in SignalInput signal, Instrument instrument, double mid)
    {
        if (signal.Direction == Core.Signals.SignalDirection.Flat || !(mid > 0)) return;
        if (!_performance.ContainsKey(signal.Source)) _performance[signal.Source] = new SourcePerformance(signal.Source, _window);
        var due = (signal.Time + signal.Horizon).Ticks;
        _signals.Enqueue(new PendingSignal(signal.Source, instrument.Id, (int)signal.Direction, mid), due);
    }

    public void ObserveRow(double[] features, Instrument instrument, DateTime time, TimeSpan horizon, double mid)
    {
        if (MetaModel is null || !(mid > 0)) return;
        _rows.Enqueue(new PendingRow(features, instrument.Id, mid), (time + horizon).Ticks);
    }

    /// <summary>Scores everything due at or before <paramref name="now"/> against the current mids.</summary>
    public void Resolve(DateTime now, MarketPrices prices)
    {
        ArgumentNullException.ThrowIfNull(prices);
        var t = now.Ticks;
        while (_signals.TryPeek(out var s, out var due) && due <= t)
        {
            _signals.Dequeue();
            var mid = prices.Mid(s.InstrumentId);
            if (!(mid > 0)) continue;
            _performance[s.Source].Record(s.Direction * Math.Log(mid / s.EntryMid));
        }
        while (_rows.TryPeek(out var r, out var due) && due <= t)
        {
            _rows.Dequeue();
            var mid = prices.Mid(r.InstrumentId);
            if (!(mid > 0) || mid == r.EntryMid) continue; // no move, no label
            MetaModel!.Add(r.Features, mid > r.EntryMid);
        }
    }

    private readonly record struct PendingSignal(string Source, int InstrumentId, int Direction, double EntryMid);
    private readonly record struct PendingRow(double[] Features, int InstrumentId, double EntryMid);
}
