using FsCheck;
using FsCheck.Xunit;
using Platform3.AI.Features;
using Platform3.AI.Features.Blocks;
using Platform3.AI.Tests.Support;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.AI.Tests.Features;

/// <summary>
/// A higher-timeframe block remembers that it became ready for good (its inner blocks are on the base rule) instead of
/// asking every inner block on every bar: asked on every bar, it answers what a twin asked for the first time at that
/// bar answers (the twin evaluates its inner blocks afresh), on both sides of the warm-up.
/// </summary>
public sealed class HigherTimeframeReadinessTests
{
    [Property(MaxTest = 60)]
    public Property Readiness_asked_every_bar_equals_a_first_answer_at_any_bar() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 4000)), Arb.From(Gen.Elements(true, false)), (askAt, h4) =>
        {
            var htf = h4 ? Timeframe.H4 : Timeframe.H1;
            HigherTimeframeBlock Make() => new(Timeframe.M15, htf, FxCalendar.Default,
                new ReturnsBlock(1, 4), new IndicatorBlock("rsi(14)"), new VolatilityBlock(14, 16));
            var asked = Make();
            var twin = Make();
            var output = new double[asked.Names.Count];
            var bars = Market.Eurusd(Timeframe.M15, 12);
            var k = askAt % bars.Count;
            var seenReady = false;
            for (var i = 0; i <= k; i++)
            {
                var bar = bars[i];
                var close = bar.Time.Ticks + Timeframe.M15.DurationTicks;
                asked.Update(in bar, close, output);
                twin.Update(in bar, close, output);
                seenReady |= asked.IsReady;
            }
            return (asked.IsReady == twin.IsReady && (!seenReady || asked.IsReady))
                .Classify(twin.IsReady, "ready").Label($"{htf} after {k + 1} bars: asked every bar {asked.IsReady}, first asked now {twin.IsReady}");
        });
}
