using Platform3.Core.Calendar;
using Platform3.Core.Signals;
using Platform3.Trading.Decisions;
using Platform3.Trading.Decisions.Fusion;
using static Platform3.Trading.Tests.Decisions.DecisionTestKit;

namespace Platform3.Trading.Tests.Decisions;

public class DecisionSynthesizerTests
{
    private static readonly DateTime T = Utc(2017, 3, 8, 14);
    private static FusedSignal F(SignalDirection d, double conf, double agree = 1) => new(d, conf, agree, (int)d * conf, FusionMethod.WeightedAverage, false, 2, "");
    private static DecisionSynthesizer Make(DecisionRules? r = null) => new(r ?? DecisionRules.Default, FxCalendar.Default, Catalog);

    [Fact]
    public void Opens_only_above_both_thresholds()
    {
        var s = Make();
        var eur = I("EURUSD");
        Assert.Equal(DecisionType.Buy, s.Decide(eur, F(SignalDirection.Long, 0.2), 0, T).Type);
        Assert.Equal(DecisionType.Sell, s.Decide(eur, F(SignalDirection.Short, 0.2), 0, T).Type);
        var weak = s.Decide(eur, F(SignalDirection.Long, 0.05), 0, T);
        Assert.Equal(DecisionType.Hold, weak.Type);
        Assert.Contains("below min_confidence 0.10", weak.Reason);
        var split = s.Decide(eur, F(SignalDirection.Long, 0.3, 0.5), 0, T);
        Assert.Contains("agreement 0.50 is below min_agreement 0.60", split.Reason);
    }

    [Fact]
    public void Cooldown_and_daily_count_block_entries_but_not_exits()
    {
        var s = Make(DecisionRules.Default with { Cooldown = TimeSpan.FromMinutes(30), MaxTradesPerDay = 2 });
        var eur = I("EURUSD");
        s.RecordEntry(eur, T);
        var cooling = s.Decide(eur, F(SignalDirection.Long, 0.5), 0, T.AddMinutes(10));
        Assert.Equal(DecisionType.Hold, cooling.Type);
        Assert.Contains("cool-down", cooling.Reason);
        Assert.Equal(DecisionType.Buy, s.Decide(eur, F(SignalDirection.Long, 0.5), 0, T.AddMinutes(31)).Type);
        s.RecordEntry(I("GBPUSD"), T.AddMinutes(40));
        var capped = s.Decide(I("USDJPY"), F(SignalDirection.Long, 0.5), 0, T.AddMinutes(50));
        Assert.Contains("max_trades_per_day 2 reached", capped.Reason);
        Assert.Equal(DecisionType.Close, s.Decide(eur, F(SignalDirection.Short, 0.5), 100_000, T.AddMinutes(50)).Type);
        // 17:00 New York (22:00 UTC in March before DST) starts a new day.
        Assert.Equal(DecisionType.Buy, s.Decide(I("USDJPY"), F(SignalDirection.Long, 0.5), 0, Utc(2017, 3, 8, 22, 1)).Type);
    }

    [Fact]
    public void Opposite_signals_close_first_or_flip_and_weaker_ones_reduce()
    {
        var eur = I("EURUSD");
        var closeFirst = Make();
        Assert.Equal(DecisionType.Close, closeFirst.Decide(eur, F(SignalDirection.Short, 0.3), 100_000, T).Type);
        var reduce = closeFirst.Decide(eur, F(SignalDirection.Short, 0.07), 100_000, T);
        Assert.Equal(DecisionType.Reduce, reduce.Type);
        Assert.Equal(DecisionType.Hold, closeFirst.Decide(eur, F(SignalDirection.Short, 0.02), 100_000, T).Type);
        Assert.Equal(DecisionType.Hold, closeFirst.Decide(eur, F(SignalDirection.Long, 0.5), 100_000, T).Type);
        Assert.Equal(DecisionType.Hold, closeFirst.Decide(eur, F(SignalDirection.Flat, 0), 100_000, T).Type);

        var flip = Make(DecisionRules.Default with { OnOpposite = OppositeSignalPolicy.Flip, CloseOnFlat = true });
        var d = flip.Decide(eur, F(SignalDirection.Short, 0.3), 100_000, T);
        Assert.Equal(DecisionType.Sell, d.Type);
        Assert.True(d.Flip);
        Assert.Equal(DecisionType.Close, flip.Decide(eur, F(SignalDirection.Flat, 0), -100_000, T).Type);
    }
}
