using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Platform3.Core.Domain;

namespace Platform3.AI.Features;

/// <summary>
/// Identifies the exact input data of a build or a training run: symbols, timeframe, range, bar count and
/// a SHA-256 of every bar column. Any changed, added or removed bar changes the hash.
/// </summary>
public sealed record DataFingerprint(IReadOnlyList<string> Symbols, string Timeframe, DateTime? FromUtc, DateTime? ToUtc, long Bars, string ContentHash)
{
    public static DataFingerprint Of(IReadOnlyList<BarSeries> series, DateTime? fromUtc, DateTime? toUtc)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bars = 0;
        foreach (var s in series.OrderBy(s => s.Symbol, StringComparer.Ordinal))
        {
            h.AppendData(System.Text.Encoding.UTF8.GetBytes($"{s.Symbol}|{s.Timeframe}|{s.Count}|"));
            Append(h, s.Time); Append(h, s.Open); Append(h, s.High); Append(h, s.Low); Append(h, s.Close);
            if (s.AskClose is not null) { Append(h, s.AskOpen!); Append(h, s.AskHigh!); Append(h, s.AskLow!); Append(h, s.AskClose); }
            if (s.Spread is not null) Append(h, s.Spread);
            bars += s.Count;
        }
        return new DataFingerprint(series.Select(s => s.Symbol).OrderBy(s => s, StringComparer.Ordinal).ToArray(),
            series.Count > 0 ? series[0].Timeframe.Name : "", fromUtc, toUtc, bars, Convert.ToHexStringLower(h.GetHashAndReset()));
    }

    private static void Append<T>(IncrementalHash h, T[] column) where T : struct => h.AppendData(MemoryMarshal.AsBytes(column.AsSpan()));

    public string Short => ContentHash[..12];

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{string.Join('+', Symbols)} {Timeframe} {FromUtc:yyyy-MM-dd}..{ToUtc:yyyy-MM-dd} {Bars} bars sha256:{Short}");
}
