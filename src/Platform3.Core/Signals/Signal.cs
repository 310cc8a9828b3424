namespace Platform3.Core.Signals;

/// <summary>Which way a signal points.</summary>
public enum SignalDirection : sbyte
{
    Short = -1,
    Flat = 0,
    Long = 1,
}

/// <summary>
/// The one signal type every producer emits (TA rules, patterns, models) and the decision engine consumes.
/// <see cref="Time"/> is when the signal became known (a bar's close, never its open).
/// </summary>
public readonly record struct Signal
{
    public DateTime Time { get; }
    public string Symbol { get; }
    public SignalDirection Direction { get; }
    /// <summary>Conviction in [0, 1].</summary>
    public double Strength { get; }
    /// <summary>Producer name, e.g. "ma-cross(10,50)" or "model:day-eurusd@3".</summary>
    public string Source { get; }
    /// <summary>How far ahead the signal is meant to hold.</summary>
    public TimeSpan Horizon { get; }

    public Signal(DateTime time, string symbol, SignalDirection direction, double strength, string source, TimeSpan horizon)
    {
        if (double.IsNaN(strength) || strength < 0 || strength > 1)
            throw new ArgumentOutOfRangeException(nameof(strength), $"signal strength {strength} is outside [0, 1]");
        if (string.IsNullOrWhiteSpace(source)) throw new ArgumentException("A signal needs a source name.", nameof(source));
        if (horizon < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(horizon), "horizon must not be negative");
        Time = time;
        Symbol = symbol;
        Direction = direction;
        Strength = direction == SignalDirection.Flat ? 0 : strength;
        Source = source;
        Horizon = horizon;
    }

    /// <summary>Direction times strength, in [−1, 1].</summary>
    public double Score => (int)Direction * Strength;
}
