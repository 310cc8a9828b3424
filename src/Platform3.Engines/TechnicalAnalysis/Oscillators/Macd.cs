using System.Runtime.CompilerServices;
using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// MACD (TA-Lib): macd = EMA(fast) − EMA(slow), signal = EMA(signal) of macd, hist = macd − signal.
/// As in TA-Lib, both EMAs start on the same bar: the slow one seeded with the SMA of the first <c>slow</c>
/// values, the fast one with the SMA of the <c>fast</c> values ending there (an independently seeded fast EMA
/// differs early on and converges). Ready after slow+signal−1 values. Outputs: macd, signal, hist.
/// </summary>
public sealed class Macd : ValueIndicator
{
    private readonly RingWindow _recent;
    private readonly double _kFast;
    private readonly double _kSlow;
    private readonly double _kSignal;
    private EmaState _slowEma; // seeding only; then _slowValue
    private EmaState _signalEma; // seeding only; then _signalValue
    private double _fastEma;
    private double _slowValue;
    private double _signalValue;

    public Macd(int fast = 12, int slow = 26, int signal = 9, PriceField field = PriceField.Close)
        : base(SpecText.Of("macd", field, fast, slow, signal), field, CheckedWarmUp(fast, slow, signal), "macd", "signal", "hist")
    {
        Fast = fast;
        Slow = slow;
        Signal = signal;
        _kFast = 2.0 / (fast + 1);
        _kSlow = 2.0 / (slow + 1);
        _kSignal = 2.0 / (signal + 1);
        _recent = new RingWindow(fast);
        _slowEma = new EmaState(slow);
        _signalEma = new EmaState(signal);
    }

    private static int CheckedWarmUp(int fast, int slow, int signal)
    {
        Require.Period(fast, "fast");
        Require.Period(signal, "signal");
        if (slow <= fast) throw new ArgumentOutOfRangeException(nameof(slow), slow, $"slow must be greater than fast ({fast}), got {slow}");
        return slow + signal - 1;
    }

    public int Fast { get; }
    public int Slow { get; }
    public int Signal { get; }

    public override Indicator Clone() => new Macd(Fast, Slow, Signal, Field);

    /// <summary>
    /// Once every EMA is seeded the three updates are written out here (the arithmetic of <see cref="EmaState"/>), so a
    /// caller holding a <see cref="Macd"/> inlines them; the seeding steps are out of line.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)] // inlines where the caller holds the sealed type
    protected override void OnValue(double value)
    {
        if (Samples <= WarmUpPeriod)
        {
            Seed(value);
            return;
        }
        var slow = (value - _slowValue) * _kSlow + _slowValue;
        var fast = (value - _fastEma) * _kFast + _fastEma;
        var macd = fast - slow;
        var signal = (macd - _signalValue) * _kSignal + _signalValue;
        _slowValue = slow;
        _fastEma = fast;
        _signalValue = signal;
        Set(0, macd);
        Set(1, signal);
        Set(2, macd - signal);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Seed(double value)
    {
        _recent.Push(value);
        var slow = _slowEma.Push(value);
        if (Samples < Slow) return;
        if (Samples == Slow)
        {
            var sum = 0.0;
            for (var age = Fast - 1; age >= 0; age--) sum += _recent.Ago(age);
            _fastEma = sum / Fast;
        }
        else _fastEma = (value - _fastEma) * _kFast + _fastEma;
        var macd = _fastEma - slow;
        var signal = _signalEma.Push(macd);
        if (!IsReady) return;
        _slowValue = slow;
        _signalValue = signal;
        Set(0, macd);
        Set(1, signal);
        Set(2, macd - signal);
    }

    protected override void OnReset()
    {
        _recent.Clear();
        _slowEma.Clear();
        _signalEma.Clear();
        _fastEma = _slowValue = _signalValue = 0;
    }

    /// <summary>Batch kernel, bit-identical to streaming.</summary>
    protected override void ComputeValues(ReadOnlySpan<double> values, Span<double> outputs)
    {
        var n = values.Length;
        outputs.Fill(double.NaN);
        if (n < WarmUpPeriod) return;
        var macdOut = outputs[..n];
        var signalOut = outputs.Slice(n, n);
        var histOut = outputs.Slice(2 * n, n);
        var kSlow = _kSlow;
        var kSignal = _kSignal;
        var slowEma = 0.0;
        for (var i = 0; i < Slow; i++) slowEma += values[i];
        slowEma /= Slow;
        var fastEma = 0.0;
        for (var i = Slow - Fast; i < Slow; i++) fastEma += values[i];
        fastEma /= Fast;
        var start = Slow - 1;
        var seedEnd = start + Signal - 1;
        var signal = 0.0;
        for (var i = start; i < seedEnd; i++)
        {
            if (i > start)
            {
                var x = values[i];
                slowEma = (x - slowEma) * kSlow + slowEma;
                fastEma = (x - fastEma) * _kFast + fastEma;
            }
            signal += fastEma - slowEma;
        }
        for (var i = seedEnd; i < n; i++)
        {
            if (i > start)
            {
                var x = values[i];
                slowEma = (x - slowEma) * kSlow + slowEma;
                fastEma = (x - fastEma) * _kFast + fastEma;
            }
            var macd = fastEma - slowEma;
            if (i == seedEnd)
            {
                signal += macd;
                signal /= Signal;
            }
            else signal = (macd - signal) * kSignal + signal;
            macdOut[i] = macd;
            signalOut[i] = signal;
            histOut[i] = macd - signal;
        }
    }
}
