using Platform3.Core.Domain;

namespace Platform3.MarketData.Import;

/// <summary>Parsed bar rows in file order (not yet validated), each with its source file and line for error reports.</summary>
internal sealed class BarRows(int capacity = 1 << 16)
{
    public long[] Time = new long[capacity];
    public double[] O = new double[capacity], H = new double[capacity], L = new double[capacity], C = new double[capacity];
    public double[] AO = new double[capacity], AH = new double[capacity], AL = new double[capacity], AC = new double[capacity];
    public double[] Spread = new double[capacity];
    public long[] Volume = new long[capacity];
    public long[] Line = new long[capacity];
    public int[] FileIndex = new int[capacity];
    public readonly List<string> Files = [];
    public int Count;
    public bool AnyAsk, AnySpread;

    public void Add(long time, double o, double h, double l, double c, long volume, long line, int file,
        double ao = double.NaN, double ah = double.NaN, double al = double.NaN, double ac = double.NaN, double spread = double.NaN)
    {
        if (Count == Time.Length) Grow();
        var i = Count++;
        Time[i] = time; O[i] = o; H[i] = h; L[i] = l; C[i] = c; Volume[i] = volume; Line[i] = line; FileIndex[i] = file;
        AO[i] = ao; AH[i] = ah; AL[i] = al; AC[i] = ac; Spread[i] = spread;
        AnyAsk |= !double.IsNaN(ac);
        AnySpread |= !double.IsNaN(spread);
    }

    private void Grow()
    {
        var n = Time.Length * 2;
        Array.Resize(ref Time, n); Array.Resize(ref O, n); Array.Resize(ref H, n); Array.Resize(ref L, n); Array.Resize(ref C, n);
        Array.Resize(ref AO, n); Array.Resize(ref AH, n); Array.Resize(ref AL, n); Array.Resize(ref AC, n);
        Array.Resize(ref Spread, n); Array.Resize(ref Volume, n); Array.Resize(ref Line, n); Array.Resize(ref FileIndex, n);
    }

    public Bar BarAt(int i) => new(new DateTime(Time[i], DateTimeKind.Utc), O[i], H[i], L[i], C[i], AO[i], AH[i], AL[i], AC[i], Volume[i])
    {
        Spread = Spread[i],
    };
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
