using Platform3.Core.Domain;
using Platform3.Trading.Orders;

namespace Platform3.Trading.Simulation;

/// <summary>
/// The standard intrabar rule: a bar is walked O→H→L→C when its high is nearer the open than its low,
/// and O→L→H→C otherwise. On a tie the extreme against the bar's direction comes first (a bar that closes
/// up visits its low first), which is also the conservative choice for most stop/target pairs.
/// Optionally caps the units an order can fill per bar, which produces partial fills.
/// </summary>
public sealed class StandardFillModel : IFillModel
{
    public StandardFillModel(decimal maxUnitsPerBar = 0)
    {
        if (maxUnitsPerBar < 0) throw new ArgumentOutOfRangeException(nameof(maxUnitsPerBar), "must be ≥ 0 (0 = no cap)");
        MaxUnitsPerBar = maxUnitsPerBar;
    }

    /// <summary>Units one order may fill per bar; 0 for no cap (every fill is complete).</summary>
    public decimal MaxUnitsPerBar { get; }

    public bool HighFirst(in Bar bar)
    {
        var up = bar.High - bar.Open;
        var down = bar.Open - bar.Low;
        if (up < down) return true;
        if (up > down) return false;
        return bar.Close < bar.Open;
    }

    public decimal FillableUnits(Order order, decimal leaves, decimal filledThisBar)
    {
        if (MaxUnitsPerBar == 0) return leaves;
        var room = MaxUnitsPerBar - filledThisBar;
        if (room <= 0) return 0;
        // Keep partial fills on the lot grid.
        var step = order.Instrument.LotStep * order.Instrument.ContractSize;
        room = Math.Floor(room / step) * step;
        return Math.Min(leaves, room);
    }
}

/// <summary>A fixed delay between submission and the moment an order can fill.</summary>
public sealed class FixedLatencyModel(TimeSpan latency) : ILatencyModel
{
    public static readonly FixedLatencyModel Zero = new(TimeSpan.Zero);
    public TimeSpan Latency { get; } = latency >= TimeSpan.Zero ? latency : throw new ArgumentOutOfRangeException(nameof(latency));
    public long LatencyTicks(Order order) => Latency.Ticks;
}
