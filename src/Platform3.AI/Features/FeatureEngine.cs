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
        var t = bar.Time.Ticks;
        if (t <= LastBarTicks)
            throw new InvalidOperationException($"Bars must arrive in time order: {bar.Time:u} after {new DateTime(LastBarTicks, DateTimeKind.Utc):u}.");
        LastBarTicks = t;
        KnownAtTicks = CloseTicks(t);
        var values = _values.AsSpan();
        var ready = true;
        for (var k = 0; k < _blocks.Length; k++)
        {
            var b = _blocks[k];
            b.Update(in bar, KnownAtTicks, values.Slice(_offsets[k], _widths[k]));
            if (_askReady[k])
            {
                var r = b.IsReady;
                ready &= r;
                if (r && b.ReadinessIsFinal) _askReady[k] = false;
            }
        }
        _ready = ready;
        BarsSeen++;
    }

    public long CloseTicks(long openTicks) => _tf <= Timeframe.H1 ? openTicks + _duration : _calendar.BarCloseUtcTicks(_tf, openTicks);
}
