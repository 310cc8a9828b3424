using System.Runtime.CompilerServices;
using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Linearly weighted moving average (weights 1..period, newest heaviest), O(1) per value with TA-Lib's
/// running weighted sum and running plain sum. Ready after <c>period</c> values. Also known as LWMA.
/// </summary>
public sealed class Wma : ValueIndicator
{
    private readonly double[] _window; // own ring (slot below): the update reads back nothing it just stored
    private readonly double _period;
    private readonly double _divider;
    private int _slot;
    private double _weighted;
    private double _plain;
    private double _trailing;

    public Wma(int period, PriceField field = PriceField.Close)
        : base(SpecText.Of("wma", field, period), field, Require.Period(period), "wma")
    {
        Period = period;
        _period = period;
        _window = new double[period];
        _divider = (period * (period + 1)) >> 1;
    }

    public int Period { get; }

    public override Indicator Clone() => new Wma(Period, Field);

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlines where the caller holds the sealed type
    protected override void OnValue(double value)
    {
        var window = _window;
        var slot = _slot;
        window[slot] = value;
        if (++slot == window.Length) slot = 0;
        _slot = slot;
        var samples = Samples;
        if (samples < window.Length)
        {
            _plain += value;
            _weighted += value * samples;
            return;
        }
        // TA-Lib's order, in locals stored once (a field updated twice is reloaded on the loop-carried chain).
        var plain = _plain + value - _trailing;
        var weighted = _weighted + value * _period;
        _trailing = window[slot];
        Set(weighted / _divider);
        _weighted = weighted - plain;
        _plain = plain;
    }

    protected override void OnReset()
    {
        Array.Clear(_window);
        _slot = 0;
        _weighted = _plain = _trailing = 0;
    }
}
