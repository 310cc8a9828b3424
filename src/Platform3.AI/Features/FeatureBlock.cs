using Platform3.Core.Domain;

namespace Platform3.AI.Features;

/// <summary>
/// A group of related features computed incrementally from closed bars, O(1) or O(window) per bar and
/// without allocation. <see cref="Update"/> sees only the bar that just closed (and state built from
/// earlier bars), so a block cannot look ahead by construction. Offline builds and online serving run the
/// same blocks, which is what makes their values bit-identical.
/// </summary>
public abstract class FeatureBlock
{
    private readonly string[] _names;

    protected FeatureBlock(string spec, int warmUp, params string[] names)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(warmUp, 1);
        Spec = spec;
        WarmUp = warmUp;
        _names = names;
    }

    /// <summary>The canonical definition (part of the feature set's hash).</summary>
    public string Spec { get; }

    /// <summary>Bars needed before every output is defined.</summary>
    public int WarmUp { get; }

    public IReadOnlyList<string> Names => _names;

    /// <summary>Bars seen since construction.</summary>
    public int Seen { get; private set; }

    public virtual bool IsReady => Seen >= WarmUp;

    /// <summary>
    /// True when this block's <see cref="IsReady"/> is the base rule (seen at least <see cref="WarmUp"/> bars): once
    /// true it stays true, as <see cref="Seen"/> only grows. A block with its own rule may become unready again.
    /// </summary>
    internal bool ReadinessIsFinal => _readinessIsFinal ??= GetType().GetProperty(nameof(IsReady))!.GetMethod!.DeclaringType == typeof(FeatureBlock);

    private bool? _readinessIsFinal;

    /// <summary>Feeds the bar that closed at <paramref name="closeTicks"/> and writes this block's outputs.</summary>
    public void Update(in Bar bar, long closeTicks, Span<double> output)
    {
        Seen++;
        Compute(in bar, closeTicks, output);
    }

    protected abstract void Compute(in Bar bar, long closeTicks, Span<double> output);

    /// <summary>
    /// Swaps this block's indicators for the stream's shared ones (see <see cref="SharedIndicators"/>); the engine
    /// calls it once, before the first bar, on every block it feeds. A block that takes part updates each indicator
    /// through <see cref="SharedIndicators.Advance"/> so it is updated once per bar however many blocks read it.
    /// </summary>
    public virtual void ShareIndicators(SharedIndicators shared) { }

    /// <summary>A fresh block with the same definition and no state.</summary>
    public abstract FeatureBlock Clone();

    /// <summary>x / y, or 0 when y is 0 or not finite (flat bars, zero ranges) so features stay finite.</summary>
    protected static double Ratio(double x, double y) => y == 0 || !double.IsFinite(y) ? 0 : x / y;
}
