using Platform3.Core.Signals;

namespace Platform3.Trading.Decisions.Fusion;

/// <summary>
/// The result of fusing a cycle's signals. <see cref="Confidence"/> is in [0, 1] (0 when flat);
/// <see cref="Agreement"/> is the weight share of the signals that point the fused way.
/// <see cref="Conflict"/> is set when strong signals pointed both ways, whatever the policy then did.
/// </summary>
public readonly record struct FusedSignal(
    SignalDirection Direction,
    double Confidence,
    double Agreement,
    double Score,
    FusionMethod Method,
    bool Conflict,
    int Sources,
    string Note)
{
    public static FusedSignal None(FusionMethod method, string note) => new(SignalDirection.Flat, 0, 0, 0, method, false, 0, note);
}
