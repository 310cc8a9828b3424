using Platform3.Core.Domain;

namespace Platform3.MarketData.Import;

/// <summary>
/// Parsed bar rows in file order (not yet validated), each with its source file and line for error reports.
/// Ask and spread columns are only allocated once a row carries them (HistData never does).
/// </summary>
internal sealed class BarRows(int capacity = 1 << 16)
{
    public long[] Time = new long[capacity];
    public double[] O = new double[capacity], H = new double[capacity], L = new double[capacity], C = new double[capacity];
    public double[]? AO, AH, AL, AC, Spread;
    public long[] Volume = new long[capacity];
    public long[] Line = new long[capacity];
    public int[] FileIndex = new int[capacity];
    public readonly List<string> Files = [];
    public int Count;
    public bool AnyAsk => AC is not null;
    public bool AnySpread => Spread is not null;

    /// <summary>A capacity guess from the input size (about 50 bytes per text row; gzip shrinks text about 6×).</summary>
    public static int CapacityFor(IEnumerable<string> files) =>
        (int)Math.Clamp(files.Sum(f => File.Exists(f) ? new FileInfo(f).Length * (f.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? 6 : 1) / 48 : 0) + 1024, 1024, 1 << 27);

    public void Add(long time, double o, double h, double l, double c, long volume, long line, int file)
    {
        if (Count == Time.Length) Grow();
        var i = Count++;
        Time[i] = time; O[i] = o; H[i] = h; L[i] = l; C[i] = c; Volume[i] = volume; Line[i] = line; FileIndex[i] = file;
        if (AC is not null) { AO![i] = AH![i] = AL![i] = AC[i] = double.NaN; }
        if (Spread is not null) Spread[i] = double.NaN;
    }

    public void Add(long time, double o, double h, double l, double c, long volume, long line, int file,
        double ao, double ah, double al, double ac, double spread)
    {
        Add(time, o, h, l, c, volume, line, file);
        var i = Count - 1;
        if (!double.IsNaN(ac) || !double.IsNaN(ao))
        {
            if (AC is null) { AO = Nans(); AH = Nans(); AL = Nans(); AC = Nans(); }
            AO![i] = ao; AH![i] = ah; AL![i] = al; AC[i] = ac;
        }
        if (!double.IsNaN(spread))
        {
            Spread ??= Nans();
            Spread[i] = spread;
        }
    }

    private double[] Nans()
    {
        var a = new double[Time.Length];
        a.AsSpan().Fill(double.NaN);
        return a;
    }

    private void Grow()
    {
        var n = Time.Length * 2;
        Array.Resize(ref Time, n); Array.Resize(ref O, n); Array.Resize(ref H, n); Array.Resize(ref L, n); Array.Resize(ref C, n);
        Array.Resize(ref Volume, n); Array.Resize(ref Line, n); Array.Resize(ref FileIndex, n);
        if (AC is not null) { Array.Resize(ref AO, n); Array.Resize(ref AH, n); Array.Resize(ref AL, n); Array.Resize(ref AC, n); }
        if (Spread is not null) Array.Resize(ref Spread, n);
    }

    public double AskOpen(int i) => AO?[i] ?? double.NaN;
    public double AskHigh(int i) => AH?[i] ?? double.NaN;
    public double AskLow(int i) => AL?[i] ?? double.NaN;
    public double AskClose(int i) => AC?[i] ?? double.NaN;
    public double SpreadAt(int i) => Spread?[i] ?? double.NaN;
}

/// <summary>Parsed tick rows in file order.</summary>
internal sealed class TickRows(int capacity = 1 << 16)
{
    public long[] Time = new long[capacity];
    public double[] Bid = new double[capacity], Ask = new double[capacity];
    public long[] Volume = new long[capacity];
    public long[] Line = new long[capacity];
    public int[] FileIndex = new int[capacity];
    public readonly List<string> Files = [];
    public int Count;

    public void Add(long time, double bid, double ask, long volume, long line, int file)
    {
        if (Count == Time.Length)
        {
            var n = Time.Length * 2;
            Array.Resize(ref Time, n); Array.Resize(ref Bid, n); Array.Resize(ref Ask, n);
            Array.Resize(ref Volume, n); Array.Resize(ref Line, n); Array.Resize(ref FileIndex, n);
        }
        var i = Count++;
        Time[i] = time; Bid[i] = bid; Ask[i] = ask; Volume[i] = volume; Line[i] = line; FileIndex[i] = file;
    }
}
