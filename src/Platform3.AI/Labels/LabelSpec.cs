using System.Globalization;

namespace Platform3.AI.Labels;

public enum LabelKind { FixedHorizon, TripleBarrier, ForwardReturn, ForwardVolatility, MetaLabel }

/// <summary>Unit of a dead-zone width: pips of the instrument, or multiples of the causal ATR at t.</summary>
public enum WidthUnit { Pips, Atr }

/// <summary>What a triple-barrier label is when neither horizontal barrier is touched before the vertical one.</summary>
public enum VerticalOutcome { Sign, Zero }

/// <summary>
/// A label definition, as written in a model config. Entry is the close of bar i (when the features are
/// known); the label looks only at bars i+1 .. i+Horizon.
/// </summary>
public sealed record LabelSpec
{
    public LabelKind Kind { get; init; } = LabelKind.FixedHorizon;
    /// <summary>Bars ahead (fixed horizon, regression targets) or the vertical barrier (triple barrier).</summary>
    public int Horizon { get; init; } = 4;
    public double DeadZone { get; init; }
    public WidthUnit DeadZoneUnit { get; init; } = WidthUnit.Pips;
    public double ProfitTakeAtr { get; init; } = 1.0;
    public double StopLossAtr { get; init; } = 1.0;
    public int AtrPeriod { get; init; } = 14;
    public VerticalOutcome Vertical { get; init; } = VerticalOutcome.Sign;
    /// <summary>The primary signal whose bets a meta-label judges (meta-labels only).</summary>
    public PrimarySignalSpec? Primary { get; init; }

    public bool IsClassification => Kind is LabelKind.FixedHorizon or LabelKind.TripleBarrier or LabelKind.MetaLabel;

    private const string MetaLabelName = "meta-label";

    /// <summary>
    /// Whether a label's description (<see cref="ToString"/>, as a model's signature records it) is a meta-label's. Kept
    /// beside the format so a consumer of registered models never matches the text itself.
    /// </summary>
    public static bool DescribesMetaLabel(string? description) =>
        description is not null && description.StartsWith(MetaLabelName + "(", StringComparison.Ordinal);

    public override string ToString() => Kind switch
    {
        LabelKind.FixedHorizon => string.Create(CultureInfo.InvariantCulture,
            $"fixed-horizon(h={Horizon}, dead-zone={DeadZone} {(DeadZoneUnit == WidthUnit.Pips ? "pips" : "atr")})"),
        LabelKind.TripleBarrier => string.Create(CultureInfo.InvariantCulture,
            $"triple-barrier(pt={ProfitTakeAtr} atr, sl={StopLossAtr} atr, vertical={Horizon} bars, atr={AtrPeriod})"),
        LabelKind.ForwardReturn => $"forward-return(h={Horizon})",
        LabelKind.MetaLabel => string.Create(CultureInfo.InvariantCulture,
            $"{MetaLabelName}(primary={Primary}, pt={ProfitTakeAtr} atr, sl={StopLossAtr} atr, vertical={Horizon} bars, atr={AtrPeriod})"),
        _ => $"forward-volatility(h={Horizon})",
    };
}
