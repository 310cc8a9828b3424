using FsCheck;
using FsCheck.Xunit;
using Platform3.AI.Features.Blocks;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.AI.Tests.Features;

/// <summary>The session block reuses the last instant's outputs on a thread (every symbol of a slice closes together).</summary>
public sealed class SessionBlockTests
{
    private static readonly FxCalendar NoHolidays = new(HolidayCalendar.None);

    [Property(MaxTest = 300)]
    public Property Outputs_equal_a_fresh_computation_whatever_blocks_interleave(int seed) =>
        // Blocks of two calendars and both units, several "symbols" each, fed slices of a random walk through time
        // (repeated instants, gaps, holidays, DST changes): every output equals a fresh block's for that instant.
        Prop.ForAll(Arb.From(Gen.Choose(1, 4)), symbols =>
        {
            var rng = new Random(seed);
            var blocks = new List<(SessionBlock Block, FxCalendar Calendar, OpenDistanceUnit Unit)>();
            foreach (var cal in new[] { FxCalendar.Default, NoHolidays })
                foreach (var unit in new[] { OpenDistanceUnit.Hours, OpenDistanceUnit.Minutes })
                    for (var s = 0; s < symbols; s++) blocks.Add((new SessionBlock(cal, unit), cal, unit));
            var t = new DateTime(2016 + rng.Next(10), 1 + rng.Next(12), 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
            var got = new double[11];
            var want = new double[11];
            for (var step = 0; step < 40; step++)
            {
                t += rng.Next(4) switch { 0 => TimeSpan.TicksPerMinute * 5, 1 => TimeSpan.TicksPerHour, 2 => TimeSpan.TicksPerDay * rng.Next(1, 40), _ => 0 };
                var bar = new Bar(new DateTime(t - TimeSpan.TicksPerMinute * 5, DateTimeKind.Utc), 1, 1, 1, 1);
                foreach (var (b, cal, unit) in blocks.OrderBy(_ => rng.Next()))
                {
                    b.Update(in bar, t, got);
                    new SessionBlock(cal, unit).ComputeAt(t, want);
                    for (var k = 0; k < got.Length; k++)
                        if (BitConverter.DoubleToInt64Bits(got[k]) != BitConverter.DoubleToInt64Bits(want[k]))
                            return false.Label($"{b.Names[k]} at {new DateTime(t, DateTimeKind.Utc):u}: {got[k]:R} vs {want[k]:R}");
                }
            }
            return true.ToProperty();
        });
}
