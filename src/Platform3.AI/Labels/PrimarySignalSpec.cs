using System.Globalization;

namespace Platform3.AI.Labels;

/// <summary>Which of a primary signal's bets are labelled: all, or only its longs or its shorts.</summary>
public enum BetSides { Both, Long, Short }

/// <summary>
/// The primary signal of a meta-label: a rule-based signal generator (its spec, e.g. <c>ma-cross(10,50)</c> or
/// <c>rsi-threshold(14,30,70)</c>; a bar gets the side of the signal its close fired) or a registered model
/// (<c>NAME@ALIAS</c> or <c>NAME@VERSION</c>; long when P(up) ≥ <see cref="Threshold"/>, short when P(down) ≥ it,
/// the sign for a regression model). Exactly one of <see cref="Generator"/> and <see cref="Model"/> is set.
/// </summary>
public sealed record PrimarySignalSpec
{
    public string? Generator { get; init; }
    public string? Model { get; init; }
    public double Threshold { get; init; } = 0.55;
    public BetSides Sides { get; init; } = BetSides.Both;

    public override string ToString()
    {
        var what = Generator ?? string.Create(CultureInfo.InvariantCulture, $"model {Model} p≥{Threshold}");
        return Sides == BetSides.Both ? what : $"{what} {Sides.ToString().ToLowerInvariant()} only";
    }
}
