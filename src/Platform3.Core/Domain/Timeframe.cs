namespace Platform3.Core.Domain;

/// <summary>
/// A bar period. The default value is M1. Intraday frames up to H1 align to UTC clock boundaries;
/// H4, D1 and W1 align to the FX trading day that starts at 17:00 New York (see FxCalendar).
/// </summary>
public readonly record struct Timeframe : IComparable<Timeframe>
{
    private static readonly (string Name, long Ticks)[] Table =
    [
        ("M1", TimeSpan.TicksPerMinute),
        ("M5", 5 * TimeSpan.TicksPerMinute),
        ("M15", 15 * TimeSpan.TicksPerMinute),
        ("M30", 30 * TimeSpan.TicksPerMinute),
        ("H1", TimeSpan.TicksPerHour),
        ("H4", 4 * TimeSpan.TicksPerHour),
        ("D1", TimeSpan.TicksPerDay),
        ("W1", 7 * TimeSpan.TicksPerDay),
        ("Tick", 0),
    ];

    public static readonly Timeframe M1 = new(0);
    public static readonly Timeframe M5 = new(1);
    public static readonly Timeframe M15 = new(2);
    public static readonly Timeframe M30 = new(3);
    public static readonly Timeframe H1 = new(4);
    public static readonly Timeframe H4 = new(5);
    public static readonly Timeframe D1 = new(6);
    public static readonly Timeframe W1 = new(7);
    public static readonly Timeframe Tick = new(8);

    /// <summary>All timeframes, tick first.</summary>
    public static IReadOnlyList<Timeframe> All { get; } = [Tick, M1, M5, M15, M30, H1, H4, D1, W1];

    private readonly byte _code;

    private Timeframe(byte code) => _code = code;

    /// <summary>A stable small integer (0 = M1 … 7 = W1, 8 = Tick), usable as an array index.</summary>
    public int Code => _code;

    public string Name => Table[_code].Name;

    public bool IsTick => _code == 8;

    /// <summary>Nominal length; zero for ticks. D1 and W1 are nominal: DST shifts their UTC edges, not their length.</summary>
    public TimeSpan Duration => new(Table[_code].Ticks);

    public long DurationTicks => Table[_code].Ticks;

    /// <summary>True when this frame's bars are built from whole bars of <paramref name="finer"/>.</summary>
    public bool IsMultipleOf(Timeframe finer) =>
        !IsTick && !finer.IsTick && DurationTicks >= finer.DurationTicks && DurationTicks % finer.DurationTicks == 0;

    public static Timeframe Parse(string text)
    {
        if (TryParse(text, out var tf)) return tf;
        throw new Errors.UsageException($"Unknown timeframe '{text}'. Valid timeframes: {string.Join(", ", All.Select(t => t.Name))}.");
    }

    public static bool TryParse(string? text, out Timeframe timeframe)
    {
        timeframe = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var t = text.Trim();
        for (byte i = 0; i < Table.Length; i++)
        {
            if (string.Equals(Table[i].Name, t, StringComparison.OrdinalIgnoreCase)) { timeframe = new Timeframe(i); return true; }
        }
        return false;
    }

    public int CompareTo(Timeframe other) => IsTick == other.IsTick ? DurationTicks.CompareTo(other.DurationTicks) : (IsTick ? -1 : 1);
    public static bool operator <(Timeframe a, Timeframe b) => a.CompareTo(b) < 0;
    public static bool operator >(Timeframe a, Timeframe b) => a.CompareTo(b) > 0;
    public static bool operator <=(Timeframe a, Timeframe b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Timeframe a, Timeframe b) => a.CompareTo(b) >= 0;

    public override string ToString() => Name;
}
