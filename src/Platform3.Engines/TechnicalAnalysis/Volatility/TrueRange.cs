using System.Runtime.CompilerServices;
using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>How the first bar's true range is treated (there is no previous close).</summary>
public enum FirstBarRange : byte
{
    /// <summary>TA-Lib and Skender: no true range on the first bar; values start on the second.</summary>
    Skip,
    /// <summary>Lean: the first bar's true range is its high − low.</summary>
    HighLow,
}

/// <summary>True range: max(high − low, |high − previous close|, |low − previous close|) (TA-Lib TRANGE).</summary>
public sealed class TrueRange : Indicator
{
    private double _previousClose;

    public TrueRange(FirstBarRange first = FirstBarRange.Skip)
        : base(first == FirstBarRange.Skip ? "tr()" : "tr(first=hl)", first == FirstBarRange.Skip ? 2 : 1, "tr")
    {
        First = first;
    }

    public FirstBarRange First { get; }

    public override Indicator Clone() => new TrueRange(First);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlines where the caller holds the sealed type
    protected override void OnBar(in Bar bar)
    {
        if (Samples == 1)
        {
            if (First == FirstBarRange.HighLow) Set(bar.High - bar.Low);
        }
        else Set(Of(bar.High, bar.Low, _previousClose));
        _previousClose = bar.Close;
    }

    protected override void OnReset() => _previousClose = 0;

    /// <summary>True range of a bar given the previous close, with TA-Lib's comparison order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Of(double high, double low, double previousClose)
    {
        var range = high - low;
        var up = Math.Abs(high - previousClose);
        if (up > range) range = up;
        var down = Math.Abs(low - previousClose);
        if (down > range) range = down;
        return range;
    }
}
