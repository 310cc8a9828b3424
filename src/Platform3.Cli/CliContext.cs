using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.Cli;

/// <summary>What every command needs: where data lives, the instrument catalog, the calendar and the console.</summary>
internal sealed class CliContext
{
    public required string DataDir { get; init; }
    public required string ConfigDir { get; init; }
    public required InstrumentCatalog Instruments { get; init; }
    public required FxCalendar Calendar { get; init; }
    public required CliOutput Out { get; init; }

    /// <summary>
    /// Resolution order: --data-dir, then P3_DATA_DIR, then ./data. The config folder is ./config, or
    /// P3_CONFIG_DIR; config/instruments.yaml and config/holidays.yaml are read when present.
    /// </summary>
    public static CliContext Create(string? dataDirOption, TextWriter stdout, TextWriter stderr)
    {
        var dataDir = dataDirOption ?? Environment.GetEnvironmentVariable("P3_DATA_DIR") ?? "data";
        var configDir = Environment.GetEnvironmentVariable("P3_CONFIG_DIR") ?? "config";
        var instruments = InstrumentCatalog.CreateBuiltin();
        var instrumentsFile = Path.Combine(configDir, "instruments.yaml");
        if (File.Exists(instrumentsFile)) instruments.LoadFile(instrumentsFile);
        var holidaysFile = Path.Combine(configDir, "holidays.yaml");
        var calendar = File.Exists(holidaysFile) ? new FxCalendar(HolidayCalendar.Load(holidaysFile)) : FxCalendar.Default;
        return new CliContext
        {
            DataDir = Path.GetFullPath(dataDir),
            ConfigDir = configDir,
            Instruments = instruments,
            Calendar = calendar,
            Out = new CliOutput(stdout, stderr),
        };
    }
}
