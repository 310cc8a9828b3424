using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.AI.Labels;

/// <summary>
/// Meta-labels: given a primary signal's side at each bar (+1 long, −1 short, 0 no bet), label 1 when the
/// bet made money by the triple-barrier rule (profit barrier first, or a positive vertical outcome) and 0
/// otherwise. A second model trained on these says whether to take (and how much of) the primary bet.
/// </summary>
public static class MetaLabeler
{
    public static LabelSet Build(BarSeries bars, sbyte[] primarySide, LabelSpec barrier, FxCalendar? calendar = null)
    {
        var sided = Labeler.TripleBarrier(bars, barrier with { Kind = LabelKind.TripleBarrier }, primarySide, calendar);
        var side = new sbyte[sided.Count];
        for (var i = 0; i < side.Length; i++) side[i] = sided.Valid[i] && sided.Side[i] > 0 ? (sbyte)1 : (sbyte)0;
        // Value is the bet's own log return (sign-adjusted), which is what a sized bet earns.
        var value = new double[sided.Count];
        for (var i = 0; i < value.Length; i++) value[i] = sided.Valid[i] ? sided.Value[i] * primarySide[i] : double.NaN;
        return new LabelSet("meta(" + sided.Description + ")", sided.StartTicks, sided.EndTicks, sided.EndIndex, side, value,
            sided.Valid, sided.Counters);
    }
}
