using Platform3.Core.Time;

namespace Platform3.Trading.Kernel;

/// <summary>
/// The kernel's time: a <see cref="SimulatedClock"/> driven by the backtest loop, or the system clock live.
/// Everything in the kernel reads time from here, never from DateTime.UtcNow.
/// </summary>
public sealed class EngineClock
{
    private readonly SimulatedClock? _simulated;

    public EngineClock(TimeProvider provider)
    {
        Provider = provider;
        _simulated = provider as SimulatedClock;
    }

    public static EngineClock Simulated(DateTime startUtc) => new(new SimulatedClock(startUtc));

    public TimeProvider Provider { get; }
    public bool IsSimulated => _simulated is not null;

    public long UtcNowTicks => _simulated?.UtcNowTicks ?? Provider.GetUtcNow().UtcTicks;
    public DateTime UtcNow => new(UtcNowTicks, DateTimeKind.Utc);

    internal void AdvanceToIfSimulated(long utcTicks)
    {
        if (_simulated is not null && utcTicks > _simulated.UtcNowTicks) _simulated.AdvanceToTicks(utcTicks);
    }

    /// <summary>Moves simulated time forward to <paramref name="utcTicks"/>; earlier times leave it where it is.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public void AdvanceTo(long utcTicks)
    {
        if (_simulated is null) NotSimulated();
        if (utcTicks > _simulated.UtcNowTicks) _simulated.AdvanceToTicks(utcTicks);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void NotSimulated() => throw new InvalidOperationException("Only a simulated clock can be advanced.");
}
