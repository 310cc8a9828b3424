using Platform3.Core.Domain;

namespace Platform3.Engines.TechnicalAnalysis;

/// <summary>
/// Parabolic SAR, TA-Lib's SAR and SAREXT in one state machine. The first direction comes from the first two
/// bars' directional movement (short when −DM &gt; 0) unless a start value is given (&gt; 0 long at it, &lt; 0
/// short at |it|). The SAR never enters the previous or current bar's range; on a reversal it jumps to the extreme
/// point, optionally moved by <c>offset</c>·SAR. Ready from the second bar. Outputs: sar (the level), trend (+1 long,
/// −1 short) and signed (TA-Lib SAREXT's convention: the level, negative while short).
/// </summary>
public sealed class ParabolicSar : Indicator
{
    private readonly SarSettings _s;
    private bool _isLong;
    private double _sar;
    private double _ep;
    private double _afLong;
    private double _afShort;
    private double _newHigh;
    private double _newLow;

    /// <summary>Classic SAR(acceleration, maximum): the same step for both sides (TA-Lib SAR).</summary>
    public ParabolicSar(double acceleration = 0.02, double maximum = 0.2)
        : this(new SarSettings(0, 0, acceleration, acceleration, maximum, acceleration, acceleration, maximum), extended: false)
    {
    }

    private ParabolicSar(SarSettings s, bool extended)
        : base(extended ? s.Validated().ExtendedSpec : SpecText.Of("sar", s.Validated().AfLong, s.MaxLong), 2, "sar", "trend", "signed")
    {
        _s = s.Validated();
        IsExtended = extended;
    }

    /// <summary>TA-Lib SAREXT with its eight parameters.</summary>
    public static ParabolicSar Extended(double startValue = 0, double offsetOnReverse = 0,
        double afInitLong = 0.02, double afLong = 0.02, double afMaxLong = 0.2,
        double afInitShort = 0.02, double afShort = 0.02, double afMaxShort = 0.2) =>
        new(new SarSettings(startValue, offsetOnReverse, afInitLong, afLong, afMaxLong, afInitShort, afShort, afMaxShort), extended: true);

    /// <summary>True for the SAREXT form (its own spec name with all eight parameters).</summary>
    public bool IsExtended { get; }

    public override Indicator Clone() => new ParabolicSar(_s, IsExtended);

    protected override void OnBar(in Bar bar)
    {
        if (Samples == 1)
        {
            _newHigh = bar.High;
            _newLow = bar.Low;
            return;
        }
        if (Samples == 2) Start(bar);
        var prevLow = _newLow;
        var prevHigh = _newHigh;
        _newLow = bar.Low;
        _newHigh = bar.High;
        double output;
        if (_isLong)
        {
            if (_newLow <= _sar)
            {
                _isLong = false;
                _sar = Math.Max(Math.Max(_ep, prevHigh), _newHigh);
                if (_s.Offset != 0.0) _sar += _sar * _s.Offset;
                output = _sar;
                _afShort = _s.AfInitShort;
                _ep = _newLow;
                _sar += _afShort * (_ep - _sar);
                _sar = Math.Max(Math.Max(_sar, prevHigh), _newHigh);
            }
            else
            {
                output = _sar;
                if (_newHigh > _ep)
                {
                    _ep = _newHigh;
                    _afLong = Math.Min(_afLong + _s.AfLong, _s.MaxLong);
                }
                _sar += _afLong * (_ep - _sar);
                _sar = Math.Min(Math.Min(_sar, prevLow), _newLow);
            }
        }
        else
        {
            if (_newHigh >= _sar)
            {
                _isLong = true;
                _sar = Math.Min(Math.Min(_ep, prevLow), _newLow);
                if (_s.Offset != 0.0) _sar -= _sar * _s.Offset;
                output = _sar;
                _afLong = _s.AfInitLong;
                _ep = _newHigh;
                _sar += _afLong * (_ep - _sar);
                _sar = Math.Min(Math.Min(_sar, prevLow), _newLow);
            }
            else
            {
                output = _sar;
                if (_newLow < _ep)
                {
                    _ep = _newLow;
                    _afShort = Math.Min(_afShort + _s.AfShort, _s.MaxShort);
                }
                _sar += _afShort * (_ep - _sar);
                _sar = Math.Max(Math.Max(_sar, prevHigh), _newHigh);
            }
        }
        // The output belongs to the direction before any flip on this bar was applied for the next one:
        // TA-Lib prints the reversal level with the new direction's sign.
        Set(0, output);
        Set(1, _isLong ? 1 : -1);
        Set(2, _isLong ? output : -output);
    }

    private void Start(in Bar bar)
    {
        _afLong = _s.AfInitLong;
        _afShort = _s.AfInitShort;
        if (_s.StartValue == 0)
        {
            var diffMinus = _newLow - bar.Low;
            var diffPlus = bar.High - _newHigh;
            var minusDm = diffMinus > 0 && diffPlus < diffMinus ? diffMinus : 0;
            _isLong = !(minusDm > 0);
            _ep = _isLong ? bar.High : bar.Low;
            _sar = _isLong ? _newLow : _newHigh;
        }
        else
        {
            _isLong = _s.StartValue > 0;
            _ep = _isLong ? bar.High : bar.Low;
            _sar = Math.Abs(_s.StartValue);
        }
        // The loop's "previous bar" on the first step is the current bar itself (TA-Lib).
        _newLow = bar.Low;
        _newHigh = bar.High;
    }

    protected override void OnReset()
    {
        _isLong = false;
        _sar = _ep = _afLong = _afShort = _newHigh = _newLow = 0;
    }

    private sealed record SarSettings(double StartValue, double Offset, double AfInitLong, double AfLong, double MaxLong,
        double AfInitShort, double AfShort, double MaxShort)
    {
        public SarSettings Validated()
        {
            Require.InRange(Offset, 0, 1, "offsetOnReverse");
            foreach (var (v, n) in new[] { (AfInitLong, "afInitLong"), (AfLong, "afLong"), (MaxLong, "afMaxLong"), (AfInitShort, "afInitShort"), (AfShort, "afShort"), (MaxShort, "afMaxShort") })
                Require.InRange(v, 0, 10, n);
            // TA-Lib clamps the initial and step factors to the maximum.
            return this with
            {
                AfInitLong = Math.Min(AfInitLong, MaxLong), AfLong = Math.Min(AfLong, MaxLong),
                AfInitShort = Math.Min(AfInitShort, MaxShort), AfShort = Math.Min(AfShort, MaxShort),
            };
        }

        public string ExtendedSpec => SpecText.Of("sarext", StartValue, Offset, AfInitLong, AfLong, MaxLong, AfInitShort, AfShort, MaxShort);
    }
}
