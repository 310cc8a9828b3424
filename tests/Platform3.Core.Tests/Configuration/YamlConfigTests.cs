using Platform3.Core.Configuration;

namespace Platform3.Core.Tests.Configuration;

public class YamlConfigTests
{
    [Fact]
    public void Reports_every_bad_key_with_line_numbers()
    {
        const string yaml = """
            max_leverage: abc
            max_positions: -3
            mode: sideways
            extra: 1
            """;
        var root = YamlConfig.Parse(yaml, "risk.yaml");
        root.AllowOnly("max_leverage", "max_positions", "mode", "session");
        root.RequireDecimal("max_leverage", 0, 500);
        root.RequireInt("max_positions", 0, 100);
        root.OptionalOneOf("mode", "netting", "netting", "hedging");
        root.RequireString("session");
        var ex = Assert.Throws<ConfigException>(() => root.Errors.ThrowIfAny());
        Assert.Equal(5, ex.Problems.Count);
        Assert.Contains("line 1: max_leverage: expected a number, got 'abc'", ex.Problems);
        Assert.Contains(ex.Problems, p => p.StartsWith("line 2: max_positions", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("line 3: mode", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.StartsWith("line 4: extra: unknown key", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("session: is required", StringComparison.Ordinal));
        Assert.Contains("risk.yaml", ex.Message);
    }

    [Fact]
    public void Reads_nested_lists_maps_and_tables()
    {
        const string yaml = """
            swaps:
              EURUSD: -0.5
              USDJPY: 1.25
            items:
              - { name: a, when: "08:30" }
              - name: b
            tags: [x, y]
            """;
        var root = YamlConfig.Parse(yaml, "t.yaml");
        var swaps = root.RequireMap("swaps")!.Entries().ToDictionary(e => e.Key, e => e.Value.AsDecimal());
        Assert.Equal(-0.5m, swaps["EURUSD"]);
        var items = root.RequireList("items");
        Assert.Equal(2, items.Count);
        Assert.Equal(TimeSpan.FromMinutes(510), items[0].OptionalTimeOfDay("when"));
        Assert.Equal(["x", "y"], root.OptionalStringList("tags"));
        root.Errors.ThrowIfAny();
    }

    [Fact]
    public void Syntax_errors_are_reported_with_their_line()
    {
        var ex = Assert.Throws<ConfigException>(() => YamlConfig.Parse("a: 1\nb: [unclosed\n", "bad.yaml"));
        Assert.Contains("bad.yaml", ex.Message);
        Assert.Contains("(syntax)", ex.Message);
    }
}
