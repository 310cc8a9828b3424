using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Platform3.Core.Time;

/// <summary>
/// A clock the backtest drives. It only moves forward, so nothing scheduled against it can fire in the past.
/// Live code uses <see cref="TimeProvider.System"/>; both are <see cref="TimeProvider"/>s.
/// </summary>
public sealed class SimulatedClock : TimeProvider
{
    private long _utcTicks;

    public SimulatedClock(DateTime startUtc)
    {
        if (startUtc.Kind == DateTimeKind.Local) throw new ArgumentException("Simulated time must be UTC.", nameof(startUtc));
        _utcTicks = startUtc.Ticks;
    }

    public DateTime UtcNow => new(_utcTicks, DateTimeKind.Utc);

    public long UtcNowTicks => _utcTicks;

    public override DateTimeOffset GetUtcNow() => new(_utcTicks, TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Moves the clock to <paramref name="utc"/>; moving backwards is a bug in the caller.</summary>
    public void AdvanceTo(DateTime utc)
    {
        if (utc.Ticks < _utcTicks)
            throw new InvalidOperationException($"Simulated clock cannot go back from {UtcNow:O} to {utc:O}.");
        _utcTicks = utc.Ticks;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AdvanceToTicks(long utcTicks)
    {
        if (utcTicks < _utcTicks) CannotGoBack(utcTicks);
        _utcTicks = utcTicks;
    }

    [DoesNotReturn]
    private void CannotGoBack(long utcTicks) =>
        throw new InvalidOperationException($"Simulated clock cannot go back from {UtcNow:O} to {new DateTime(utcTicks, DateTimeKind.Utc):O}.");

    public void Advance(TimeSpan by) => AdvanceToTicks(_utcTicks + by.Ticks);
}
