using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Average directional index (TA-Lib ADX): DX = 100·|+DI − −DI|/(+DI + −DI); ADX = mean of the first
/// <c>period</c> DX values, then Wilder-smoothed. Ready after 2·period bars. Outputs: adx, plusdi, minusdi, dx.
/// </summary>
public sealed class Adx : Indicator
{
    private readonly DirectionalMovement _dm;
    private double _adx;
    private double _dx;
    private int _dxCount;

    public Adx(int period = 14)
        : base(SpecText.Of("adx", period), 2 * Require.Period(period, min: 2), "adx", "plusdi", "minusdi", "dx")
    {
        Period = period;
        _dm = new DirectionalMovement(period);
    }

    public int Period { get; }

    public override Indicator Clone() => new Adx(Period);

    protected override void OnBar(in Bar bar)
    {
        _dm.Push(bar.High, bar.Low, bar.Close);
        if (!_dm.HasDi) return;
        var dx = _dm.Dx();
        if (!double.IsNaN(dx)) _dx = dx;
        _dxCount++;
        if (_dxCount < Period)
        {
            if (!double.IsNaN(dx)) _adx += dx;
            return;
        }
        if (_dxCount == Period)
        {
            if (!double.IsNaN(dx)) _adx += dx;
            _adx /= Period;
        }
        else if (!double.IsNaN(dx)) _adx = (_adx * (Period - 1) + dx) / Period;
        Set(0, _adx);
        Set(1, _dm.PlusDi);
        Set(2, _dm.MinusDi);
        Set(3, _dx);
    }

    protected override void OnReset()
    {
        _dm.Clear();
        _adx = _dx = 0;
        _dxCount = 0;
    }
}
