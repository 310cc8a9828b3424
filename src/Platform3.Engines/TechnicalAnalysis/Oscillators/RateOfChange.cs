using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>The flavours of change over n bars, as TA-Lib names them.</summary>
public enum ChangeKind : byte
{
    /// <summary>MOM: x − x[n].</summary>
    Momentum,
    /// <summary>ROC: (x/x[n] − 1)·100 (percent).</summary>
    Roc,
    /// <summary>ROCP: (x − x[n])/x[n] (fraction).</summary>
    Rocp,
    /// <summary>ROCR: x/x[n] (ratio).</summary>
    Rocr,
}

/// <summary>Momentum and rate of change (TA-Lib MOM/ROC/ROCP/ROCR); 0 when x[n] is 0. Ready after n+1 values.</summary>
public sealed class RateOfChange : ValueIndicator
{
    private readonly RingWindow _window;

    public RateOfChange(ChangeKind kind, int period = 10, PriceField field = PriceField.Close)
        : base(SpecText.Of(SpecName(kind), field, period), field, Require.Period(period) + 1, SpecName(kind))
    {
        Kind = kind;
        Period = period;
        _window = new RingWindow(period + 1);
    }

    public static string SpecName(ChangeKind kind) => kind switch
    {
        ChangeKind.Momentum => "mom",
        ChangeKind.Roc => "roc",
        ChangeKind.Rocp => "rocp",
        _ => "rocr",
    };

    public ChangeKind Kind { get; }
    public int Period { get; }

    public override Indicator Clone() => new RateOfChange(Kind, Period, Field);

    protected override void OnValue(double value)
    {
        _window.Push(value);
        if (!IsReady) return;
        var past = _window.Oldest;
        Set(Kind switch
        {
            ChangeKind.Momentum => value - past,
            ChangeKind.Roc => past != 0.0 ? ((value / past) - 1.0) * 100.0 : 0.0,
            ChangeKind.Rocp => past != 0.0 ? (value - past) / past : 0.0,
            _ => past != 0.0 ? value / past : 0.0,
        });
    }

    protected override void OnReset() => _window.Clear();
}
