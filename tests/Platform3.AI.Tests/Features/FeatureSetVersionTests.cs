using Platform3.AI.Features;
using Platform3.AI.Features.Blocks;
using Platform3.AI.Features.Checks;
using Platform3.AI.Tests.Support;
using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.AI.Tests.Features;

/// <summary>Version 2 of the feature sets: minutes to the London and New York opens; version 1 untouched.</summary>
public class FeatureSetVersionTests
{
    private static readonly Instrument Eurusd = InstrumentCatalog.Builtin.Get("EURUSD");
    private static readonly FxCalendar Cal = FxCalendar.Default;

    [Fact]
    public void Version_one_definitions_are_unchanged_so_cached_matrices_and_registered_models_stay_valid()
    {
        // Pinned before version 2 was added: any change to a version-1 definition changes these.
        Assert.Equal("75adc21f4d320b9a60582503d8d61aea506a5fae463af5d0bb92828e3c13725a", FeatureSetCatalog.Core1.Hash(Timeframe.M15));
        Assert.Equal("e449938e9606dc82fca2e8eea2ee3bf9d70f483df8b4f999af058667941be5cc", FeatureSetCatalog.CoreH1.Hash(Timeframe.H1));
        Assert.Equal("1eb226124c9b2cd7249f98f443b04cda83b8ce1f0fcad086e052ed0d5023a47c", FeatureSetCatalog.XPair1.Hash(Timeframe.M15));
        Assert.Contains("hours_to_london_open", FeatureSetCatalog.Core1.Names(Timeframe.M15));
    }

    [Theory]
    [InlineData("core@1", "core@2", "M15")]
    [InlineData("core-h1@1", "core-h1@2", "H1")]
    [InlineData("xpair@1", "xpair@2", "M15")]
    public void Version_two_renames_only_the_two_open_distances(string v1, string v2, string tf)
    {
        var timeframe = Timeframe.Parse(tf);
        var a = FeatureSetCatalog.Get(v1);
        var b = FeatureSetCatalog.Get(v2);
        Assert.NotEqual(a.Hash(timeframe), b.Hash(timeframe));
        var renamed = a.Names(timeframe).Select(n => n switch
        {
            "hours_to_london_open" => "minutes_to_london_open",
            "hours_to_newyork_open" => "minutes_to_newyork_open",
            _ => n,
        });
        Assert.Equal(renamed, b.Names(timeframe));
        Assert.Equal(a.MaxWarmUp(timeframe), b.MaxWarmUp(timeframe));
    }

    [Theory]
    // Winter: London opens 08:00 UTC, New York 13:00 UTC.
    [InlineData("2024-01-10T06:00:00Z", 120, 420)]
    // Summer (BST, EDT): London 07:00 UTC, New York 12:00 UTC.
    [InlineData("2024-07-10T06:00:00Z", 60, 360)]
    // After both opens on a Friday: the next ones are Monday's.
    [InlineData("2024-01-12T14:15:00Z", 3 * 24 * 60 - 6 * 60 - 15, 3 * 24 * 60 - 75)]
    // The US and UK clocks change on different Sundays: 2024-03-11 New York is on EDT, London still on GMT.
    [InlineData("2024-03-11T07:30:00Z", 30, 270)]
    public void Minutes_to_the_opens_follow_each_citys_local_time(string close, double london, double newYork)
    {
        var block = new SessionBlock(Cal, OpenDistanceUnit.Minutes);
        var output = new double[block.Names.Count];
        var ticks = DateTime.Parse(close, null, System.Globalization.DateTimeStyles.AdjustToUniversal).Ticks;
        block.Update(default, ticks, output);
        Assert.Equal(london, output[8]);
        Assert.Equal(newYork, output[9]);
        Assert.Equal("minutes_to_london_open", block.Names[8]);
    }

    [Fact]
    public void Version_two_equals_version_one_except_minutes_are_sixty_times_the_hours()
    {
        var bars = Market.Eurusd(Timeframe.M15, 10);
        var one = OfflineFeatureBuilder.Build(FeatureSetCatalog.Core1, Eurusd, bars, Cal);
        var two = OfflineFeatureBuilder.Build(FeatureSetCatalog.Core2, Eurusd, bars, Cal);
        Assert.Equal(one.Count, two.Count);
        Assert.Equal(one.BarTime, two.BarTime);
        for (var c = 0; c < one.Width; c++)
        {
            var name = one.Names[c];
            for (var r = 0; r < one.Count; r++)
            {
                var v1 = one[r, name];
                if (name.StartsWith("hours_to_", StringComparison.Ordinal))
                {
                    var v2 = two[r, name.Replace("hours_to_", "minutes_to_", StringComparison.Ordinal)];
                    Assert.Equal(Math.Round(v2), v2); // M15 bars close on whole minutes
                    Assert.Equal(v1 * 60, v2, 9);
                    Assert.InRange(v2, 0, 4 * 24 * 60);
                }
                else Assert.Equal(v1, two[r, name]);
            }
        }
    }

    [Fact]
    public void Version_two_passes_the_lookahead_and_online_equals_offline_checks()
    {
        var bars = Market.Eurusd(Timeframe.M5, 8);
        var online = FeatureChecks.OnlineEqualsOffline(FeatureSetCatalog.Core2, Eurusd, bars, Cal);
        Assert.True(online.Checked > 300, $"checked {online.Checked}");
        Assert.True(online.Passed, string.Join("; ", online.Mismatches.Take(5)));
        var look = FeatureChecks.Lookahead(FeatureSetCatalog.Core2, Eurusd, Market.Eurusd(Timeframe.M15, 12), Cal, samples: 4, seed: 9);
        Assert.True(look.Passed, string.Join("; ", look.Mismatches.Take(5)));
    }
}
