using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// On-balance volume on tick volume: + volume when the close rose, − when it fell. TA-Lib and Lean start at the first
/// bar's volume; <c>start=zero</c> starts at 0 (Skender) — a constant offset. Ready from the first bar.
/// </summary>
public sealed class Obv : Indicator
{
    private double _obv;
    private double _previousClose;

    public Obv(bool startAtZero = false) : base(startAtZero ? "obv(start=zero)" : "obv()", 1, "obv")
    {
        StartAtZero = startAtZero;
    }

    public bool StartAtZero { get; }

    public override Indicator Clone() => new Obv(StartAtZero);

    protected override void OnBar(in Bar bar)
    {
        if (Samples == 1) _obv = StartAtZero ? 0.0 : bar.Volume;
        else if (bar.Close > _previousClose) _obv += bar.Volume;
        else if (bar.Close < _previousClose) _obv -= bar.Volume;
        _previousClose = bar.Close;
        Set(_obv);
    }

    protected override void OnReset() => _obv = _previousClose = 0;
}
