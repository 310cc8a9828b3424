using Platform3.Core.Signals;

namespace Platform3.Trading.Decisions;

/// <summary>Where a signal comes from.</summary>
public enum SignalKind : byte
{
    /// <summary>A prediction of a registered model (inference engine).</summary>
    Model,
    /// <summary>A rule of the technical-analysis engine (crossovers, thresholds, ...).</summary>
    Technical,
    /// <summary>A candlestick or chart pattern.</summary>
    Pattern,
}

/// <summary>
/// One opinion offered to a decision cycle. <see cref="Strength"/> is always normalised to [0, 1]; a model's
/// class probability or expected return, when there is one, is kept beside it for the audit trail.
/// <see cref="Time"/> is when it became known (a bar's close): the decision engine refuses signals from the future.
/// </summary>
public readonly record struct SignalInput
{
    public string Source { get; }
    public SignalKind Kind { get; }
    public string Symbol { get; }
    public SignalDirection Direction { get; }
    public double Strength { get; }
    /// <summary>Probability of an up move for model signals, else NaN.</summary>
    public double Probability { get; }
    /// <summary>Expected return (fraction) for regression models, else NaN.</summary>
    public double ExpectedReturn { get; }
    public TimeSpan Horizon { get; }
    public DateTime Time { get; }
    /// <summary>The model as <c>name@version</c> for model signals.</summary>
    public string? Model { get; }

    public SignalInput(string source, SignalKind kind, string symbol, SignalDirection direction, double strength,
        TimeSpan horizon, DateTime time, string? model = null, double probability = double.NaN, double expectedReturn = double.NaN)
    {
        if (string.IsNullOrWhiteSpace(source)) throw new ArgumentException("A signal needs a source name.", nameof(source));
        if (string.IsNullOrWhiteSpace(symbol)) throw new ArgumentException("A signal needs a symbol.", nameof(symbol));
        if (double.IsNaN(strength) || strength < 0 || strength > 1)
            throw new ArgumentOutOfRangeException(nameof(strength), $"{source}: strength {strength} is outside [0, 1]");
        if (horizon <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(horizon), $"{source}: a signal needs a positive horizon");
        if (!double.IsNaN(probability) && (probability < 0 || probability > 1))
            throw new ArgumentOutOfRangeException(nameof(probability), $"{source}: probability {probability} is outside [0, 1]");
        if (kind == SignalKind.Model && string.IsNullOrWhiteSpace(model))
            throw new ArgumentException($"{source}: a model signal must name its model as name@version.", nameof(model));
        Source = source;
        Kind = kind;
        Symbol = symbol;
        Direction = direction;
        Strength = direction == SignalDirection.Flat ? 0 : strength;
        Horizon = horizon;
        Time = time;
        Model = model;
        Probability = probability;
        ExpectedReturn = expectedReturn;
    }

    /// <summary>Direction times strength, in [−1, 1].</summary>
    public double Score => (int)Direction * Strength;

    /// <summary>True while the signal is in force at <paramref name="now"/>: known by then and within its horizon.</summary>
    public bool IsActiveAt(DateTime now) => Time <= now && now < Time + Horizon;

    /// <summary>A TA-engine or pattern signal.</summary>
    public static SignalInput FromSignal(Signal signal, SignalKind kind = SignalKind.Technical) =>
        new(signal.Source, kind, signal.Symbol, signal.Direction, signal.Strength,
            signal.Horizon > TimeSpan.Zero ? signal.Horizon : throw new ArgumentException($"{signal.Source}: signal has no horizon", nameof(signal)),
            signal.Time);

    /// <summary>
    /// A classifier's output: direction of the likelier of up and down, strength |P(up) − P(down)|.
    /// For a binary model pass <c>pDown = 1 − pUp</c>; a three-class model leaves the rest to "flat".
    /// </summary>
    public static SignalInput FromProbabilities(string source, string symbol, DateTime time, TimeSpan horizon, double pUp, double pDown, string model)
    {
        if (double.IsNaN(pUp) || double.IsNaN(pDown) || pUp < 0 || pDown < 0 || pUp + pDown > 1 + 1e-5) // float32 model outputs sum to 1 only to ~1e-7
            throw new ArgumentOutOfRangeException(nameof(pUp), $"{source}: P(up) {pUp} and P(down) {pDown} are not probabilities");
        var edge = pUp - pDown;
        var direction = edge > 0 ? SignalDirection.Long : edge < 0 ? SignalDirection.Short : SignalDirection.Flat;
        return new SignalInput(source, SignalKind.Model, symbol, direction, Math.Min(1, Math.Abs(edge)), horizon, time, model, pUp);
    }

    /// <summary>A regression model's expected return; strength saturates at |return| = <paramref name="fullScale"/>.</summary>
    public static SignalInput FromExpectedReturn(string source, string symbol, DateTime time, TimeSpan horizon, double expectedReturn, double fullScale, string model)
    {
        if (!double.IsFinite(expectedReturn)) throw new ArgumentOutOfRangeException(nameof(expectedReturn));
        if (!(fullScale > 0)) throw new ArgumentOutOfRangeException(nameof(fullScale), "the full-scale return must be positive");
        var direction = expectedReturn > 0 ? SignalDirection.Long : expectedReturn < 0 ? SignalDirection.Short : SignalDirection.Flat;
        return new SignalInput(source, SignalKind.Model, symbol, direction, Math.Min(1, Math.Abs(expectedReturn) / fullScale), horizon, time, model,
            expectedReturn: expectedReturn);
    }
}
