using System.Runtime.CompilerServices;
using Platform3.Core.Domain;

namespace Platform3.AI.Features;

/// <summary>
/// Computes a feature set's vector for one symbol and timeframe, one closed bar at a time: O(features)
/// work and no allocation per bar. The same engine produces offline matrices and online vectors.
/// </summary>
public sealed class FeatureEngine
{
    private readonly FeatureBlock[] _blocks;
    private readonly int[] _offsets;
    private readonly int[] _widths;
    private readonly double[] _values;
    private readonly Timeframe _tf;
    private readonly Core.Calendar.FxCalendar _calendar;
    private readonly long _duration;
    /// <summary>
    /// Per block: whether its readiness can still change. A block on <see cref="FeatureBlock"/>'s own rule (seen at
    /// least its warm-up) stays ready once ready, so it is asked only until then; blocks with a rule of their own
    /// (previous day's levels, higher timeframes) are asked on every bar.
    /// </summary>
    private readonly bool[] _askReady;
    private bool _ready;

    public FeatureSet Set { get; }
    public FeatureContext Context { get; }
    public IReadOnlyList<string> Names { get; }
    public int Count => _values.Length;
    /// <summary>The latest vector (valid only when <see cref="IsReady"/>; do not keep a reference across updates).</summary>
    public ReadOnlySpan<double> Values => _values;
    public bool IsReady => _ready;
    public long BarsSeen { get; private set; }
    /// <summary>Open time of the last bar fed (UTC ticks).</summary>
    public long LastBarTicks { get; private set; } = long.MinValue;
    /// <summary>Close time of the last bar fed: when the current vector became known.</summary>
    public long KnownAtTicks { get; private set; }

    public FeatureEngine(FeatureSet set, FeatureContext context)
    {
        Set = set;
        Context = context;
        _blocks = [.. set.CreateBlocks(context)];
        _offsets = new int[_blocks.Length];
        _widths = new int[_blocks.Length];
        var n = 0;
        for (var k = 0; k < _blocks.Length; k++) { _offsets[k] = n; n += _widths[k] = _blocks[k].Names.Count; }
        var shared = new SharedIndicators();
        foreach (var b in _blocks) b.ShareIndicators(shared);
        _askReady = new bool[_blocks.Length];
        Array.Fill(_askReady, true);
        _values = new double[n];
        Names = _blocks.SelectMany(b => b.Names).ToArray();
        _tf = context.Timeframe;
        _calendar = context.Calendar;
        _duration = _tf.DurationTicks;
    }

    /// <summary>Feeds the next closed bar (strictly increasing open times) and recomputes the vector.</summary>
    public void Update(in Bar bar)
    {
        Begin(bar.Time.Ticks);
        for (var k = 0; k < _blocks.Length; k++) Step(k, in bar);
        End();
    }

    /// <summary>
    /// Feeds each engine its bar (<paramref name="bars"/>[i] to <paramref name="engines"/>[i], e.g. every symbol's bar of
    /// one time slice), block by block across the engines: block k of every engine, then block k + 1. Each engine's
    /// blocks still run in their own order on their own state, so every engine ends exactly as
    /// <see cref="Update"/> would leave it; running the same block's code on independent data back to back lets the
    /// processor overlap one engine's dependent chains (window sums, indicator recurrences) with the next one's.
    /// A slice that <see cref="Update"/> would refuse (a bar out of order, an engine twice, engines of different
    /// layouts) is fed engine by engine instead, so the error and what was fed before it are as they were.
    /// </summary>
    public static void UpdateSlice(ReadOnlySpan<FeatureEngine> engines, ReadOnlySpan<Bar> bars)
    {
        if (TryUpdateSlice(engines, bars)) return;
        for (var i = 0; i < engines.Length; i++) engines[i].Update(in bars[i]);
    }

    /// <summary>
    /// <see cref="UpdateSlice"/> when the slice can be fed block by block (at least two engines, each once, each bar
    /// after its engine's last, one block layout); otherwise false, and nothing was fed.
    /// </summary>
    public static bool TryUpdateSlice(ReadOnlySpan<FeatureEngine> engines, ReadOnlySpan<Bar> bars)
    {
        if (engines.Length != bars.Length) throw new ArgumentException($"{engines.Length} engines but {bars.Length} bars.", nameof(bars));
        if (!Interleavable(engines, bars)) return false;
        for (var i = 0; i < engines.Length; i++) engines[i].Begin(bars[i].Time.Ticks);
        var blocks = engines[0]._blocks.Length;
        for (var k = 0; k < blocks; k++)
            for (var i = 0; i < engines.Length; i++) engines[i].Step(k, in bars[i]);
        for (var i = 0; i < engines.Length; i++) engines[i].End();
        return true;
    }

    /// <summary>Whether every engine takes its bar, appears once, and has the first engine's block layout.</summary>
    private static bool Interleavable(ReadOnlySpan<FeatureEngine> engines, ReadOnlySpan<Bar> bars)
    {
        if (engines.Length < 2) return false;
        var first = engines[0];
        for (var i = 0; i < engines.Length; i++)
        {
            var e = engines[i];
            if (bars[i].Time.Ticks <= e.LastBarTicks || e._blocks.Length != first._blocks.Length) return false;
            for (var j = 0; j < i; j++) if (ReferenceEquals(engines[j], e)) return false;
        }
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Begin(long t)
    {
        if (t <= LastBarTicks)
            throw new InvalidOperationException($"Bars must arrive in time order: {new DateTime(t, DateTimeKind.Utc):u} after {new DateTime(LastBarTicks, DateTimeKind.Utc):u}.");
        LastBarTicks = t;
        KnownAtTicks = CloseTicks(t);
        _pendingReady = true;
    }

    /// <summary>Block <paramref name="k"/> takes the bar and writes its outputs; its readiness joins the vector's.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Step(int k, in Bar bar)
    {
        var b = _blocks[k];
        b.Update(in bar, KnownAtTicks, _values.AsSpan(_offsets[k], _widths[k]));
        if (_askReady[k])
        {
            var r = b.IsReady;
            _pendingReady &= r;
            if (r && b.ReadinessIsFinal) _askReady[k] = false;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void End()
    {
        _ready = _pendingReady;
        BarsSeen++;
    }

    private bool _pendingReady;

    public long CloseTicks(long openTicks) => _tf <= Timeframe.H1 ? openTicks + _duration : _calendar.BarCloseUtcTicks(_tf, openTicks);
}
