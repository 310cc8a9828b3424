using System.CommandLine;
using System.Globalization;
using Platform3.Core.Domain;
using Platform3.Core.Errors;
using Platform3.MarketData.Storage;

namespace Platform3.Cli.Commands;

/// <summary>Options and parsing shared by the <c>p3 data</c> commands, so every one reads symbols, timeframes and dates alike.</summary>
internal static class DataOptions
{
    public static Option<string> Symbol(bool required = true) => new("--symbol")
    {
        Description = "Instrument, e.g. EURUSD (the 28 major pairs, plus config/instruments.yaml).",
        Required = required,
    };

    public static Option<string> Timeframe(string name = "--timeframe", string? defaultValue = null, string? description = null)
    {
        var o = new Option<string>(name) { Description = description ?? "Timeframe: Tick, M1, M5, M15, M30, H1, H4, D1, W1." };
        if (defaultValue is null) o.Required = true;
        else o.DefaultValueFactory = _ => defaultValue;
        return o;
    }

    public static Option<string?> From() => new("--from") { Description = "Start (UTC, inclusive), e.g. 2024-01-01 or 2024-01-01T12:00." };
    public static Option<string?> To() => new("--to") { Description = "End (UTC, exclusive), e.g. 2025-01-01." };

    public static Instrument ParseSymbol(CliContext ctx, string text) => ctx.Instruments.Get(text.Trim().ToUpperInvariant());

    public static Timeframe ParseTimeframe(string text) => Core.Domain.Timeframe.Parse(text);

    public static DateTime? ParseDate(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        string[] formats = ["yyyy-MM-dd", "yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ"];
        if (DateTime.TryParseExact(text.Trim(), formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var d))
            return DateTime.SpecifyKind(d, DateTimeKind.Utc);
        throw new UsageException($"{option}: expected a UTC date such as 2024-01-31 or 2024-01-31T12:00, got '{text}'.");
    }

    public static (DateTime? From, DateTime? To) ParseRange(ParseResult r, Option<string?> from, Option<string?> to)
    {
        var f = ParseDate(r.GetValue(from), "--from");
        var t = ParseDate(r.GetValue(to), "--to");
        if (f is not null && t is not null && t <= f) throw new UsageException($"--to ({t:yyyy-MM-dd HH:mm}) must be after --from ({f:yyyy-MM-dd HH:mm}).");
        return (f, t);
    }

    /// <summary>Loads bars, or explains what the store does hold for the symbol.</summary>
    public static BarSeries LoadOrExplain(BarStore store, string symbol, Timeframe tf, DateTime? from, DateTime? to)
    {
        var bars = store.LoadBars(symbol, tf, from, to);
        if (bars.Count > 0) return bars;
        var held = store.List().Where(i => i.Symbol == symbol).Select(i => i.Timeframe.Name).ToList();
        var what = held.Count == 0
            ? $"no data for {symbol} in {store.DataDir} (import it with `p3 data import` or make some with `p3 data synth`)"
            : $"no {symbol} {tf} bars{(from is null && to is null ? "" : " in that range")} in {store.DataDir}; stored for {symbol}: {string.Join(", ", held)}" +
              (tf != Core.Domain.Timeframe.M1 && held.Contains("M1") ? $" (make {tf} with `p3 data resample --symbol {symbol} --from-tf M1 --to-tf {tf}`)" : "");
        throw new DataException(what + ".");
    }

    public static string Utc(DateTime? t) => t is null ? "-" : t.Value.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string N(long v) => v.ToString("N0", CultureInfo.InvariantCulture);

    public static string Bytes(long b) => b < 1 << 20 ? $"{b / 1024.0:0.0} KiB" : $"{b / (1024.0 * 1024):0.0} MiB";
}
