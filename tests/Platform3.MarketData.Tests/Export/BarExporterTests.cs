using Platform3.Core.Domain;
using Platform3.MarketData.Export;
using Platform3.MarketData.Import;
using Platform3.MarketData.Import.Formats;
using Platform3.MarketData.Synthetic;

namespace Platform3.MarketData.Tests.Export;

public class BarExporterTests
{
    private static readonly BarSeries Bars1 = SyntheticMarket.GenerateM1("EURUSD", Bars.Utc(2024, 4, 1), Bars.Utc(2024, 4, 3), SynthModel.Regime, 5);

    [Fact]
    public void Parquet_export_round_trips()
    {
        using var dir = new TempDir();
        var path = dir.File("out/eurusd_m1.parquet");
        BarExporter.ToParquet(Bars1, path);
        Bars.Equal(Bars1, BarExporter.ReadParquet(path));
        Assert.Empty(Directory.GetFiles(dir.File("out"), "*.tmp-*"));
    }

    [Fact]
    public void DuckDB_queries_the_Parquet_export_with_SQL()
    {
        using var dir = new TempDir();
        var path = dir.File("eurusd_m1.parquet");
        BarExporter.ToParquet(Bars1, path);
        using var db = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT count(*), max(high), min(time_utc), max(ask_close - close) > 0 FROM read_parquet('{path.Replace("'", "''", StringComparison.Ordinal)}')";
        using var r = cmd.ExecuteReader();
        Assert.True(r.Read());
        Assert.Equal(Bars1.Count, Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Bars1.High.Max(), r.GetDouble(1));
        Assert.Equal(Bars1.TimeAt(0), DateTime.SpecifyKind(r.GetDateTime(2), DateTimeKind.Utc));
        Assert.True(r.GetBoolean(3));
    }

    [Theory]
    [InlineData("eurusd.csv")]
    [InlineData("eurusd.csv.gz")]
    public void Csv_export_imports_back_unchanged(string name)
    {
        using var dir = new TempDir();
        var path = dir.File(name);
        BarExporter.ToCsv(Bars1, path);
        var back = Platform3.MarketData.Tests.Import.ImportFixtures.Importer(dir.File("data")).Parse(new ImportRequest { Format = ImportFormat.Csv, Symbol = "EURUSD", Files = [path], Csv = new CsvSpec() });
        Assert.Equal(0, back.Rejected);
        Bars.Equal(Bars1, back.Bars!);
    }

    [Fact]
    public void Tick_csv_has_millisecond_times()
    {
        using var dir = new TempDir();
        var ticks = SyntheticMarket.GenerateTicks("EURUSD", Bars.Utc(2024, 4, 1, 10), Bars.Utc(2024, 4, 1, 10, 5), SynthModel.RandomWalk, 1);
        BarExporter.ToCsv(ticks, dir.File("t.csv"));
        var lines = File.ReadAllLines(dir.File("t.csv"));
        Assert.Equal("time_utc,bid,ask,volume", lines[0]);
        Assert.Equal(ticks.Count + 1, lines.Length);
        Assert.Matches(@"^2024-04-01T10:0\d:\d\d\.\d{3}Z,1\.\d+,1\.\d+,1$", lines[1]);
    }
}
