using Platform3.Core.Errors;

namespace Platform3.MarketData.Import.Formats;

/// <summary>Reads bars or ticks from a delimited file laid out by a <see cref="CsvSpec"/>.</summary>
internal sealed class CsvRowReader : RowFileReader
{
    private readonly CsvSpec _spec;
    private readonly BarRows? _bars;
    private readonly TickRows? _ticks;
    private readonly byte _delimiter;
    private CsvField[] _columns;
    private int _time = -1, _date = -1, _clock = -1, _o = -1, _h = -1, _l = -1, _c = -1, _ao = -1, _ah = -1, _al = -1, _ac = -1,
        _bid = -1, _ask = -1, _vol = -1, _spread = -1;

    public CsvRowReader(CsvSpec spec, BarRows? bars, TickRows? ticks)
    {
        _spec = spec;
        _bars = bars;
        _ticks = ticks;
        _delimiter = (byte)spec.Delimiter;
        _columns = spec.Columns?.ToArray() ?? [];
        if (spec.Columns is not null) Resolve(null, 0);
    }

    public override string FormatName => _spec.FormatName;

    public override string ExpectedLayout =>
        _columns.Length == 0 ? "(columns named in a header line)"
            : "'" + string.Join(_spec.Delimiter == '\t' ? "<TAB>" : _spec.Delimiter.ToString(), _columns.Select(c => c.ToString().ToLowerInvariant())) +
              "' with timestamps as " + _spec.Time.Describe();

    protected override bool HasHeader(ReadOnlySpan<byte> firstLine)
    {
        if (_spec.Header is { } h) return h;
        var t = SpanParse.TrimSpaces(firstLine);
        return t.Length > 0 && !(t[0] is >= (byte)'0' and <= (byte)'9');
    }

    protected override void ReadHeader(ReadOnlySpan<byte> line, string path, long lineNumber)
    {
        var cells = SpanParse.Text(line).Split(_spec.Delimiter);
        if (_spec.Columns is not null)
        {
            if (cells.Length != _spec.Columns.Count)
                throw new DataFormatException(path, lineNumber, "header", $"{_spec.Columns.Count} columns as configured ({ExpectedLayout})", SpanParse.Text(line));
            return;
        }
        var hasDate = cells.Any(c => CsvSpec.FromHeaderName(c, false) == CsvField.Date);
        var cols = new CsvField[cells.Length];
        var seenVolume = false;
        for (var i = 0; i < cells.Length; i++)
        {
            var f = CsvSpec.FromHeaderName(cells[i], hasDate)
                ?? throw new DataFormatException(path, lineNumber, $"header column {i + 1}",
                    $"a known column name ({CsvSpec.ValidNames}); or give --columns", cells[i]);
            if (f == CsvField.Volume && seenVolume) f = CsvField.Skip; // MetaTrader 5: TICKVOL then VOL
            seenVolume |= f == CsvField.Volume;
            cols[i] = f;
        }
        _columns = cols;
        Resolve(path, lineNumber);
    }

    private void Resolve(string? path, long lineNumber)
    {
        int Find(CsvField f) => Array.IndexOf(_columns, f);
        _time = Find(CsvField.Time); _date = Find(CsvField.Date); _clock = Find(CsvField.Clock);
        _o = Find(CsvField.Open); _h = Find(CsvField.High); _l = Find(CsvField.Low); _c = Find(CsvField.Close);
        _ao = Find(CsvField.AskOpen); _ah = Find(CsvField.AskHigh); _al = Find(CsvField.AskLow); _ac = Find(CsvField.AskClose);
        _bid = Find(CsvField.Bid); _ask = Find(CsvField.Ask); _vol = Find(CsvField.Volume); _spread = Find(CsvField.Spread);
        if (_time < 0 && _date >= 0 && _clock < 0) { _time = _date; _date = -1; }
        string? missing = null;
        if (_time < 0 && (_date < 0 || _clock < 0)) missing = "a time column (or date and clock columns)";
        else if (_spec.Ticks && (_bid < 0 || _ask < 0)) missing = "bid and ask columns";
        else if (!_spec.Ticks && (_o < 0 || _h < 0 || _l < 0 || _c < 0))
            missing = _bid >= 0 && _ask >= 0 ? "open, high, low and close columns (this looks like ticks: use --kind ticks)" : "open, high, low and close columns";
        else if (!_spec.Ticks && (_ao >= 0 || _ah >= 0 || _al >= 0 || _ac >= 0) && (_ao < 0 || _ah < 0 || _al < 0 || _ac < 0))
            missing = "all four ask columns (ask_open, ask_high, ask_low, ask_close) or none";
        if (missing is null) return;
        var what = $"{missing} in the column list";
        if (path is null) throw new UsageException($"CSV columns [{string.Join(", ", _columns)}] lack {missing}.");
        throw new DataFormatException(path, lineNumber, "header", what, string.Join(_spec.Delimiter, _columns));
    }

    protected override string? ParseRow(ReadOnlySpan<byte> line, long lineNumber, int fileIndex)
    {
        if (_columns.Length == 0) return "no header line naming the columns (or give the column list)";
        Span<Range> f = stackalloc Range[Fields.Max];
        var n = Fields.Split(line, _delimiter, f);
        if (n != _columns.Length) return FieldCount(_columns.Length, n, _spec.Delimiter);
        long local; bool isUtc;
        if (_time >= 0)
        {
            if (!_spec.Time.TryParse(line[f[_time]], out local, out isUtc))
                return $"impossible or malformed time: expected {_spec.Time.Describe()}, got '{SpanParse.Text(line[f[_time]])}'";
        }
        else if (!_spec.Time.TryParse(line[f[_date]], line[f[_clock]], out local, out isUtc))
            return $"impossible or malformed date/time: expected {_spec.Time.Describe()}, got '{SpanParse.Text(line[f[_date]])} {SpanParse.Text(line[f[_clock]])}'";
        var utc = isUtc ? local : _spec.TimeZone.ToUtcTicks(local);
        long volume = 0;
        if (_vol >= 0 && !SpanParse.TryParseLong(line[f[_vol]], out volume)) return NotNumber("volume", line[f[_vol]]);
        if (_spec.Ticks)
        {
            if (!SpanParse.TryParseDouble(line[f[_bid]], out var bid)) return NotNumber("bid", line[f[_bid]]);
            if (!SpanParse.TryParseDouble(line[f[_ask]], out var ask)) return NotNumber("ask", line[f[_ask]]);
            _ticks!.Add(utc, bid, ask, volume, lineNumber, fileIndex);
            return null;
        }
        if (!SpanParse.TryParseDouble(line[f[_o]], out var o)) return NotNumber("open", line[f[_o]]);
        if (!SpanParse.TryParseDouble(line[f[_h]], out var h)) return NotNumber("high", line[f[_h]]);
        if (!SpanParse.TryParseDouble(line[f[_l]], out var l)) return NotNumber("low", line[f[_l]]);
        if (!SpanParse.TryParseDouble(line[f[_c]], out var c)) return NotNumber("close", line[f[_c]]);
        double ao = double.NaN, ah = double.NaN, al = double.NaN, ac = double.NaN, spread = double.NaN;
        if (_ac >= 0)
        {
            if (!SpanParse.TryParseDouble(line[f[_ao]], out ao)) return NotNumber("ask_open", line[f[_ao]]);
            if (!SpanParse.TryParseDouble(line[f[_ah]], out ah)) return NotNumber("ask_high", line[f[_ah]]);
            if (!SpanParse.TryParseDouble(line[f[_al]], out al)) return NotNumber("ask_low", line[f[_al]]);
            if (!SpanParse.TryParseDouble(line[f[_ac]], out ac)) return NotNumber("ask_close", line[f[_ac]]);
        }
        if (_spread >= 0)
        {
            if (!SpanParse.TryParseDouble(line[f[_spread]], out spread)) return NotNumber("spread", line[f[_spread]]);
            spread *= _spec.SpreadScale;
        }
        _bars!.Add(utc, o, h, l, c, volume, lineNumber, fileIndex, ao, ah, al, ac, spread);
        return null;
    }
}
