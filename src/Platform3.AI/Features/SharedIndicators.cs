using Platform3.Engines.TechnicalAnalysis;

namespace Platform3.AI.Features;

/// <summary>
/// The indicators of one bar stream (an engine's blocks, or a higher-timeframe block's inner blocks), shared by
/// every block that asks for the same one: core@N alone asks for ATR(14) ten times, ADX(14) three times and the
/// Bollinger bands and stochastics twice each, and each block used to keep and update its own copy. A shared
/// indicator is updated by the first block that reaches it on a bar (<see cref="Advance"/>) and read by the rest,
/// so every block reads exactly the state its own copy would have had: the same updates on the same bars.
/// </summary>
public sealed class SharedIndicators
{
    private readonly Dictionary<(Type, string), Indicator> _byKey = [];

    /// <summary>
    /// The stream's indicator equal to <paramref name="fresh"/> (same type and canonical spec), or
    /// <paramref name="fresh"/> itself if it is the first of its kind. Call before the stream's first bar.
    /// </summary>
    public T Share<T>(T fresh) where T : Indicator
    {
        ArgumentNullException.ThrowIfNull(fresh);
        if (fresh.Samples != 0) throw new InvalidOperationException($"{fresh.Name} has already seen bars; only fresh indicators can be shared.");
        var key = (fresh.GetType(), fresh.Name);
        if (_byKey.TryGetValue(key, out var known)) return (T)known;
        _byKey[key] = fresh;
        return fresh;
    }

    /// <summary>
    /// Brings a (possibly shared) indicator up to the block's bar: a block that has seen <paramref name="seen"/> bars
    /// (this one included) updates it only if no other block did so on this bar already.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)] // keeps sealed indicators' updates inlinable
    public static void Advance<T>(T indicator, in Core.Domain.Bar bar, int seen) where T : Indicator
    {
        if (indicator.Samples < seen) indicator.Update(in bar);
    }
}
