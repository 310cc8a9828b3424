namespace Platform3.MarketData.Import.Formats;

/// <summary>
/// HistData "Generic ASCII" M1: <c>YYYYMMDD HHMMSS;open;high;low;close;volume</c>, bid prices, bar open time.
/// HistData documents EST without DST, but its files follow New York local time (every weekly open is at
/// 17:00, summer and winter; see shared/data/fx/SOURCES.md), so that is the default zone. Parsed straight
/// from the bytes: no string per row.
/// </summary>
internal sealed class HistDataM1Reader(TimeZoneSpec zone, BarRows rows) : RowFileReader
{
    public override string FormatName => "HistData M1";
    public override string ExpectedLayout => "'YYYYMMDD HHMMSS;open;high;low;close;volume'";

    protected override string? ParseRow(ReadOnlySpan<byte> line, long lineNumber, int fileIndex)
    {
        Span<Range> f = stackalloc Range[7];
        var n = Fields.Split(line, (byte)';', f);
        if (n != 6) return FieldCount(6, n, ';');
        var stamp = line[f[0]];
        if (stamp.Length != 15 || stamp[8] != (byte)' ') return $"bad timestamp: expected 'YYYYMMDD HHMMSS', got '{SpanParse.Text(stamp)}'";
        if (!TimestampParser.TryCompact(stamp, out var local)) return $"impossible date/time: '{SpanParse.Text(stamp)}'";
        if (!SpanParse.TryParseDouble(line[f[1]], out var o)) return NotNumber("open", line[f[1]]);
        if (!SpanParse.TryParseDouble(line[f[2]], out var h)) return NotNumber("high", line[f[2]]);
        if (!SpanParse.TryParseDouble(line[f[3]], out var l)) return NotNumber("low", line[f[3]]);
        if (!SpanParse.TryParseDouble(line[f[4]], out var c)) return NotNumber("close", line[f[4]]);
        if (!SpanParse.TryParseLong(line[f[5]], out var v)) return $"non-numeric volume: expected an integer, got '{SpanParse.Text(line[f[5]])}'";
        rows.Add(zone.ToUtcTicks(local), o, h, l, c, v, lineNumber, fileIndex);
        return null;
    }
}

/// <summary>HistData ASCII ticks: <c>YYYYMMDD HHMMSSfff,bid,ask,volume</c>, New York local time by default.</summary>
internal sealed class HistDataTickReader(TimeZoneSpec zone, TickRows rows) : RowFileReader
{
    public override string FormatName => "HistData ticks";
    public override string ExpectedLayout => "'YYYYMMDD HHMMSSfff,bid,ask,volume'";

    protected override string? ParseRow(ReadOnlySpan<byte> line, long lineNumber, int fileIndex)
    {
        Span<Range> f = stackalloc Range[5];
        var n = Fields.Split(line, (byte)',', f);
        if (n != 4) return FieldCount(4, n, ',');
        var stamp = line[f[0]];
        if (stamp.Length != 18 || stamp[8] != (byte)' ') return $"bad timestamp: expected 'YYYYMMDD HHMMSSfff', got '{SpanParse.Text(stamp)}'";
        if (!TimestampParser.TryCompact(stamp, out var local)) return $"impossible date/time: '{SpanParse.Text(stamp)}'";
        if (!SpanParse.TryParseDouble(line[f[1]], out var bid)) return NotNumber("bid", line[f[1]]);
        if (!SpanParse.TryParseDouble(line[f[2]], out var ask)) return NotNumber("ask", line[f[2]]);
        if (!SpanParse.TryParseLong(line[f[3]], out var v)) return $"non-numeric volume: expected an integer, got '{SpanParse.Text(line[f[3]])}'";
        rows.Add(zone.ToUtcTicks(local), bid, ask, v, lineNumber, fileIndex);
        return null;
    }
}
