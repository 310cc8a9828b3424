using Platform3.Engines.TechnicalAnalysis.ChartPatterns;

namespace Platform3.Engines.TechnicalAnalysis.Elliott;

public enum ElliottKind : byte
{
    /// <summary>Five waves 1-2-3-4-5 in the trend's direction.</summary>
    Impulse,
    /// <summary>Three waves A-B-C against the prior move (a zigzag correction).</summary>
    Corrective,
}

/// <summary>One hard rule (or structural condition) and whether the count satisfies it.</summary>
public sealed record ElliottRule(string Name, bool Passed);

/// <summary>
/// A proposed wave count on zigzag pivots: <see cref="Pivots"/> are the wave ends (6 for an impulse: start and the
/// ends of waves 1–5; 4 for A-B-C). Known at <see cref="ConfirmTime"/>, the confirmation of the last pivot.
/// <see cref="FibonacciScore"/> in [0, 1] is how close the wave ratios are to the usual Fibonacci relations.
/// </summary>
public sealed record ElliottCount(ElliottKind Kind, int Direction, IReadOnlyList<Pivot> Pivots, IReadOnlyList<ElliottRule> Rules,
    double FibonacciScore, DateTime ConfirmTime)
{
    public bool SatisfiesHardRules => Rules.All(r => r.Passed);

    public string Label => Kind == ElliottKind.Impulse ? "1-2-3-4-5" : "A-B-C";
}

/// <summary>
/// Labels Elliott waves on confirmed zigzag pivots. On each new pivot it tries the last six pivots as an impulse and
/// the last four as an A-B-C correction and proposes the counts that satisfy the hard rules:
/// wave 2 never retraces beyond the start of wave 1; wave 3 is not the shortest of 1, 3 and 5; wave 4 does not
/// enter wave 1's territory (for A-B-C: B does not retrace beyond A's start, C goes beyond A's end).
/// Every proposal lists the rules it was checked against.
/// </summary>
public static class ElliottLabeller
{
    /// <summary>Counts ending at the last pivot of <paramref name="pivots"/>.</summary>
    public static IReadOnlyList<ElliottCount> ProposeAtLast(IReadOnlyList<Pivot> pivots, bool includeRejected = false)
    {
        ArgumentNullException.ThrowIfNull(pivots);
        var result = new List<ElliottCount>(2);
        var n = pivots.Count;
        if (n >= 6)
        {
            var c = Impulse([.. Enumerable.Range(n - 6, 6).Select(i => pivots[i])]);
            if (c is not null && (includeRejected || c.SatisfiesHardRules)) result.Add(c);
        }
        if (n >= 4)
        {
            var c = Corrective([.. Enumerable.Range(n - 4, 4).Select(i => pivots[i])]);
            if (c is not null && (includeRejected || c.SatisfiesHardRules)) result.Add(c);
        }
        return result;
    }

    /// <summary>Every count proposed over a pivot history, each at the pivot that completes it.</summary>
    public static IReadOnlyList<ElliottCount> ProposeAll(IReadOnlyList<Pivot> pivots)
    {
        ArgumentNullException.ThrowIfNull(pivots);
        var all = new List<ElliottCount>();
        for (var end = 4; end <= pivots.Count; end++)
            all.AddRange(ProposeAtLast(new PivotPrefix(pivots, end)));
        return all;
    }

    /// <summary>Checks six pivots (start, ends of waves 1..5) as an impulse; null when they do not alternate.</summary>
    public static ElliottCount? Impulse(IReadOnlyList<Pivot> p)
    {
        if (p.Count != 6 || !Alternates(p)) return null;
        var dir = p[1].IsHigh ? 1 : -1; // wave 1 ends at a high in an up impulse
        double W(int i) => dir * (p[i].Price - p[i - 1].Price); // signed in the trend's direction
        double w1 = W(1), w2 = -W(2), w3 = W(3), w4 = -W(4), w5 = W(5);
        var rules = new List<ElliottRule>
        {
            new("waves 1, 3, 5 move with the trend and 2, 4 against it", w1 > 0 && w2 > 0 && w3 > 0 && w4 > 0 && w5 > 0),
            new("wave 2 does not retrace beyond the start of wave 1", dir * (p[2].Price - p[0].Price) > 0),
            new("wave 3 is not the shortest of waves 1, 3, 5", !(w3 < w1 && w3 < w5)),
            new("wave 4 does not overlap wave 1's territory", dir * (p[4].Price - p[1].Price) > 0),
            new("wave 3 goes beyond the end of wave 1", dir * (p[3].Price - p[1].Price) > 0),
        };
        var score = Mean(
            Fit(w2 / w1, 0.5, 0.618),
            Fit(w3 / w1, 1.618, 2.618, 1.0),
            Fit(w4 / w3, 0.382, 0.236, 0.5),
            Fit(w5 / w1, 1.0, 0.618, 1.618));
        return new ElliottCount(ElliottKind.Impulse, dir, p, rules, score, p[^1].ConfirmTime);
    }

    /// <summary>Checks four pivots (start, ends of A, B, C) as a zigzag correction; null when they do not alternate.</summary>
    public static ElliottCount? Corrective(IReadOnlyList<Pivot> p)
    {
        if (p.Count != 4 || !Alternates(p)) return null;
        var dir = p[1].IsHigh ? 1 : -1; // direction of wave A
        double a = dir * (p[1].Price - p[0].Price), b = -dir * (p[2].Price - p[1].Price), c = dir * (p[3].Price - p[2].Price);
        var rules = new List<ElliottRule>
        {
            new("waves A and C move one way and B the other", a > 0 && b > 0 && c > 0),
            new("wave B does not retrace beyond the start of wave A", b < a),
            new("wave C goes beyond the end of wave A", dir * (p[3].Price - p[1].Price) > 0),
        };
        var score = Mean(Fit(b / a, 0.5, 0.618, 0.382), Fit(c / a, 1.0, 1.618, 0.618));
        return new ElliottCount(ElliottKind.Corrective, dir, p, rules, score, p[^1].ConfirmTime);
    }

    private static bool Alternates(IReadOnlyList<Pivot> p)
    {
        for (var i = 1; i < p.Count; i++)
            if (p[i].Type == p[i - 1].Type) return false;
        return true;
    }

    /// <summary>1 at a target ratio, falling off linearly to 0 at 25 % relative distance from the nearest one.</summary>
    private static double Fit(double ratio, params double[] targets)
    {
        if (!double.IsFinite(ratio)) return 0;
        var best = targets.Min(t => Math.Abs(ratio - t) / t);
        return Math.Max(0, 1 - best / 0.25);
    }

    private static double Mean(params double[] v) => v.Average();

    /// <summary>The first <c>count</c> pivots of a list, without copying.</summary>
    private sealed class PivotPrefix(IReadOnlyList<Pivot> source, int count) : IReadOnlyList<Pivot>
    {
        public Pivot this[int index] => index < count ? source[index] : throw new ArgumentOutOfRangeException(nameof(index));
        public int Count => count;
        public IEnumerator<Pivot> GetEnumerator() { for (var i = 0; i < count; i++) yield return source[i]; }
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
