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

    [Property(MaxTest = 300)]
    public Property Time_of_day_and_week_values_from_the_table_equal_the_direct_computation(int seed) =>
        // Closes on whole minutes (every timeframe's) and off them, in any year: the first ask fills the table's slot, the
        // second reads it; both must equal the definition bit for bit.
        Prop.ForAll(Arb.From(Gen.Choose(0, 3)), kind =>
        {
            var rng = new Random(seed);
            var got = new double[4];
            var want = new double[4];
            for (var i = 0; i < 50; i++)
            {
                var minutes = rng.NextInt64(0, 10_000L * 366 * 24 * 60);
                var t = kind switch
                {
                    0 => minutes * TimeSpan.TicksPerMinute,
                    1 => minutes / 60 * TimeSpan.TicksPerHour,
                    2 => minutes * TimeSpan.TicksPerMinute + rng.Next(1, (int)TimeSpan.TicksPerMinute),
                    _ => minutes / 5 * 5 * TimeSpan.TicksPerMinute,
                };
                CyclicTime.WriteDirect(t, want);
                for (var pass = 0; pass < 2; pass++)
                {
                    Array.Fill(got, 42.0);
                    CyclicTime.Write(t, got);
                    for (var k = 0; k < 4; k++)
                        if (BitConverter.DoubleToInt64Bits(got[k]) != BitConverter.DoubleToInt64Bits(want[k]))
                            return false.Label($"output {k} at {new DateTime(t, DateTimeKind.Utc):O}, pass {pass}: {got[k]:R} vs {want[k]:R}");
                }
            }
            return true.ToProperty();
        });
}
