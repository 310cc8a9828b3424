using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Highest (or lowest) value of the last <c>period</c> samples with its sample index, O(1) amortised
/// (monotonic deque). On ties the newest sample wins, as in TA-Lib's AROON and MAX/MIN scans, unless
/// <c>newestWinsTies</c> is false (then the oldest does, as in Skender's Aroon).
/// </summary>
/// <remarks>
/// Why the layout: the feature engine pushes six of these per bar. Each entry keeps its value and sample index side by
/// side (one load for both), the walk reads the ring without bounds checks (every slot it touches is below
/// <c>period</c> by construction), and the dominance test is chosen once per push from the mode rather than re-decided
/// per popped entry. Same comparisons in the same order as the plain deque, so the same results to the bit.
/// </remarks>
internal sealed class RollingExtremum
{
    private readonly int _period;
    private readonly Entry[] _entries;
    private readonly Mode _mode;
    private int _head;
    private int _count;
    private long _index = -1;

    [StructLayout(LayoutKind.Sequential)]
    private struct Entry
    {
        public double Value;
        public long Index;
    }

    /// <summary>Which entries the new sample drops from the back (max: v ≤ x, or v &lt; x when the oldest wins ties).</summary>
    private enum Mode : byte { MaxNewest, MaxOldest, MinNewest, MinOldest }

    public RollingExtremum(int period, bool max, bool newestWinsTies = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(period, 1);
        _period = period;
        _mode = max ? (newestWinsTies ? Mode.MaxNewest : Mode.MaxOldest) : (newestWinsTies ? Mode.MinNewest : Mode.MinOldest);
        _entries = new Entry[period];
    }

    /// <summary>Index (0-based, counting pushes) of the current extreme.</summary>
    public long Index => _entries[_head].Index;

    public double Value => _entries[_head].Value;

    /// <summary>Sample index of the last push.</summary>
    public long Last => _index;

    /// <summary>Pushes the next sample and returns the extreme over the last <c>period</c> samples.</summary>
    public double Push(double value)
    {
        var i = ++_index;
        var period = _period;
        ref var q = ref MemoryMarshal.GetArrayDataReference(_entries);
        int head = _head, count = _count;
        // Drop the front if it left the window. (Wrap-around by comparison: integer % is the slowest thing here.)
        if (count > 0 && Unsafe.Add(ref q, head).Index <= i - period)
        {
            if (++head == period) head = 0;
            count--;
        }
        // Drop dominated entries from the back (ties: the newer one replaces the older, unless told otherwise).
        if (count > 0)
        {
            var back = head + count - 1;
            if (back >= period) back -= period;
            switch (_mode)
            {
                case Mode.MaxNewest:
                    while (Unsafe.Add(ref q, back).Value <= value) { if (--count == 0) break; back = back == 0 ? period - 1 : back - 1; }
                    break;
                case Mode.MaxOldest:
                    while (Unsafe.Add(ref q, back).Value < value) { if (--count == 0) break; back = back == 0 ? period - 1 : back - 1; }
                    break;
                case Mode.MinNewest:
                    while (Unsafe.Add(ref q, back).Value >= value) { if (--count == 0) break; back = back == 0 ? period - 1 : back - 1; }
                    break;
                default:
                    while (Unsafe.Add(ref q, back).Value > value) { if (--count == 0) break; back = back == 0 ? period - 1 : back - 1; }
                    break;
            }
        }
        var slot = head + count;
        if (slot >= period) slot -= period;
        ref var entry = ref Unsafe.Add(ref q, slot);
        entry.Value = value;
        entry.Index = i;
        _head = head;
        _count = count + 1;
        return Unsafe.Add(ref q, head).Value;
    }

    public void Clear()
    {
        _head = 0;
        _count = 0;
        _index = -1;
    }
}
