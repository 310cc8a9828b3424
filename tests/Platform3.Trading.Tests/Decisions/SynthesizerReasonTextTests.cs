using System.Globalization;
using FsCheck;
using FsCheck.Xunit;
using Platform3.Core.Calendar;
using Platform3.Core.Signals;
using Platform3.Trading.Decisions;
using Platform3.Trading.Decisions.Fusion;
using static Platform3.Trading.Tests.Decisions.DecisionTestKit;

namespace Platform3.Trading.Tests.Decisions;

/// <summary>
/// The synthesizer's reason sentences, formatted on the stack and kept by text, read exactly as the interpolated
/// sentences they replace, for any direction, confidence, agreement, note and position, the same synthesizer asked
/// again and again (so cached texts are returned as well as new ones).
/// </summary>
public class SynthesizerReasonTextTests
{
    private static string Describe(in FusedSignal f) =>
        string.Create(CultureInfo.InvariantCulture, $"{Side(f.Direction)} signal (confidence {f.Confidence:F2}, agreement {f.Agreement:F2})");

    private static string Side(SignalDirection d) => d switch { SignalDirection.Long => "long", SignalDirection.Short => "short", _ => "flat" };

    private static string Weakness(in FusedSignal f, DecisionRules r) =>
        f.Direction == SignalDirection.Flat ? (string.IsNullOrEmpty(f.Note) ? "fused signal is flat" : $"fused signal is flat: {f.Note}")
        : f.Confidence < r.MinConfidence ? string.Create(CultureInfo.InvariantCulture, $"confidence {f.Confidence:F2} is below min_confidence {r.MinConfidence:F2}")
        : string.Create(CultureInfo.InvariantCulture, $"agreement {f.Agreement:F2} is below min_agreement {r.MinAgreement:F2}");

    [Property(MaxTest = 300)]
    public Property Reasons_read_as_the_interpolated_sentences(int seed, bool closeOnFlat)
    {
        var rng = new Random(seed);
        var rules = DecisionRules.Default with { CloseOnFlat = closeOnFlat, ReduceConfidence = 0 };
        var s = new DecisionSynthesizer(rules, FxCalendar.Default, Catalog);
        string[] notes = ["", "no active signals", "conflict: following the strongest signal (model:x)", null!];
        var eur = I("EURUSD");
        var t = Utc(2017, 3, 8, 14);
        for (var n = 0; n < 60; n++)
        {
            var dir = (SignalDirection)(rng.Next(3) - 1);
            var f = new FusedSignal(dir, Math.Round(rng.NextDouble(), rng.Next(1, 4)), Math.Round(rng.NextDouble(), rng.Next(1, 4)), 0,
                FusionMethod.WeightedAverage, false, 1, notes[rng.Next(notes.Length)]);
            var position = (double)(rng.Next(3) - 1) * 10_000;
            var d = s.Decide(eur, f, position, t.AddDays(n)); // a new day each time: no cool-down or daily cap applies
            var strong = dir != SignalDirection.Flat && f.Confidence >= rules.MinConfidence && f.Agreement >= rules.MinAgreement;
            var held = position > 0 ? SignalDirection.Long : SignalDirection.Short;
            string? expected = null;
            if (position == 0) expected = strong ? $"{Describe(f)} clears min confidence {rules.MinConfidence.ToString("0.00", CultureInfo.InvariantCulture)} and min agreement {rules.MinAgreement.ToString("0.00", CultureInfo.InvariantCulture)}" : Weakness(f, rules);
            else if (dir != SignalDirection.Flat && dir != held)
                expected = strong ? (rules.OnOpposite == OppositeSignalPolicy.Flip ? $"{Describe(f)} against the {Side(held)} position: flip" : $"{Describe(f)} against the {Side(held)} position: close first")
                    : $"opposite signal too weak to act on ({Weakness(f, rules)})";
            else if (dir == SignalDirection.Flat && closeOnFlat) expected = $"no directional signal ({f.Note}) and close_on_flat is set";
            else expected = dir == held ? $"{Describe(f)} agrees with the {Side(held)} position" : $"no directional signal: {f.Note}";
            if (d.Reason != expected) return false.Label($"'{d.Reason}' vs '{expected}'");
        }
        return true.ToProperty();
    }

    /// <summary>
    /// The described sentences are kept by direction, held side and the two numbers' hundredths: drawn from a few
    /// hundredths, their rounding midpoints and the doubles either side (so most lookups find a kept sentence, first
    /// made from another value of the same hundredth), values above 10, negatives and non-numbers, every sentence
    /// still reads as the interpolated one, for openings, agreeing holds, flips and closes.
    /// </summary>
    [Property(MaxTest = 200)]
    public Property Kept_described_sentences_read_as_the_interpolated_ones(int seed, bool flip)
    {
        var rng = new Random(seed);
        var rules = DecisionRules.Default with { ReduceConfidence = 0, MinConfidence = 0.3, MinAgreement = 0.3, OnOpposite = flip ? OppositeSignalPolicy.Flip : OppositeSignalPolicy.CloseFirst };
        var s = new DecisionSynthesizer(rules, FxCalendar.Default, Catalog);
        var pool = new List<double> { 10.004, 10.006, 12.5, 1e9, -0.5, double.NaN, double.PositiveInfinity };
        for (var h = 0; h < 6; h++)
        {
            var u = 30 + rng.Next(71);
            var mid = (u + 0.5) / 100;
            pool.AddRange([u / 100.0, mid, Math.BitDecrement(mid), Math.BitIncrement(mid), mid - 2e-7, mid + 2e-7, (u + 0.3) / 100, (u - 0.3) / 100]);
        }
        var eur = I("EURUSD");
        var t = Utc(2017, 3, 8, 14);
        for (var n = 0; n < 200; n++)
        {
            var dir = rng.Next(2) == 0 ? SignalDirection.Long : SignalDirection.Short;
            var f = new FusedSignal(dir, pool[rng.Next(pool.Count)], pool[rng.Next(pool.Count)], 0, FusionMethod.WeightedAverage, false, 1, "");
            var position = (double)(rng.Next(3) - 1) * 10_000;
            var d = s.Decide(eur, f, position, t.AddDays(n));
            var strong = f.Confidence >= rules.MinConfidence && f.Agreement >= rules.MinAgreement;
            if (!strong) continue;
            var held = position > 0 ? SignalDirection.Long : SignalDirection.Short;
            var expected = position == 0
                ? $"{Describe(f)} clears min confidence {rules.MinConfidence.ToString("0.00", CultureInfo.InvariantCulture)} and min agreement {rules.MinAgreement.ToString("0.00", CultureInfo.InvariantCulture)}"
                : dir == held ? $"{Describe(f)} agrees with the {Side(held)} position"
                : flip ? $"{Describe(f)} against the {Side(held)} position: flip" : $"{Describe(f)} against the {Side(held)} position: close first";
            if (d.Reason != expected) return false.Label($"'{d.Reason}' vs '{expected}'");
        }
        return true.ToProperty();
    }
}
