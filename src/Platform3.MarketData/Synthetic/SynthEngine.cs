using Platform3.Core.Calendar;
using Platform3.Core.Domain;

namespace Platform3.MarketData.Synthetic;

/// <summary>
/// Walks the open minutes of the FX calendar and evolves one log-value per currency (in USD), driven by
/// the currency's own shock plus its bloc's shock. After each <see cref="MoveNext"/> it exposes, for every
/// requested pair, the mid-price path through the minute, the spread in ticks and the tick volume.
/// Every random stream is keyed by name (currency, bloc, pair, regime), so a pair's data does not depend
/// on which other pairs were generated with it.
/// </summary>
internal sealed class SynthEngine
{
    private const double TradingMinutesPerYear = 260 * 1440;
    private static readonly long RolloverHalfWidth = TimeSpan.FromMinutes(10).Ticks;

    private readonly SynthOptions _options;
    private readonly SynthModel _model;
    private readonly FxCalendar _calendar;
    private readonly int _steps;
    private readonly long _end;

    // currencies
    private readonly int[] _profile;          // index into CurrencyProfile.All per engine currency
    private readonly double[] _x;             // log USD value now
    private readonly double[] _h;             // GARCH variance multiplier (mean 1)
    private readonly double[] _zSum;          // sum of this minute's standardised own shocks
    private readonly double[] _drift;         // per-minute drift (trend regime)
    private readonly Rng[] _rng;
    private readonly double[][] _path;        // [currency][step] log value through the minute
    // blocs
    private readonly double[] _hBloc = new double[CurrencyProfile.BlocCount];
    private readonly double[] _zBloc = new double[CurrencyProfile.BlocCount];
    private readonly double[] _zBlocSum = new double[CurrencyProfile.BlocCount];
    private readonly Rng[] _rngBloc = new Rng[CurrencyProfile.BlocCount];
    // pairs
    private readonly Instrument[] _pairs;
    private readonly int[] _pairBase, _pairQuote;
    private readonly Rng[] _rngPair;
    private readonly double[] _baseSpreadTicks;
    // regime
    private readonly Rng _rngRegime;
    private int _regime; // 0 calm, 1 normal, 2 trend, 3 turbulent
    private readonly double _sigmaStep;

    private long _t;            // next candidate minute
    private long _lastEmitted = long.MinValue;

    /// <summary>Open time (UTC ticks) of the current minute.</summary>
    public long Time { get; private set; }
    public int PairCount => _pairs.Length;
    /// <summary>Mid path of each pair through the current minute: [pair][0..steps] (0 = open, steps = close).</summary>
    public double[][] Mid { get; }
    public int[] SpreadTicks { get; }
    public long[] Volume { get; }
    public int Steps => _steps;
    public IReadOnlyList<Instrument> Pairs => _pairs;

    public SynthEngine(IReadOnlyList<string> symbols, DateTime fromUtc, DateTime toUtc, SynthModel model, int seed, SynthOptions options)
    {
        if (toUtc <= fromUtc) throw new ArgumentException($"Empty range: {fromUtc:u} to {toUtc:u}.");
        _options = options;
        _model = model;
        _calendar = options.Calendar;
        _steps = Math.Max(1, options.StepsPerMinute);
        _t = CeilMinute(fromUtc.Ticks);
        _end = toUtc.Ticks;
        _pairs = symbols.Select(s => options.Instruments.Get(s)).ToArray();

        var currencies = new List<Currency>();
        foreach (var p in _pairs)
        {
            if (!currencies.Contains(p.Base)) currencies.Add(p.Base);
            if (!currencies.Contains(p.Quote)) currencies.Add(p.Quote);
        }
        var n = currencies.Count;
        _profile = currencies.Select(CurrencyProfile.IndexOf).ToArray();
        _x = _profile.Select(i => Math.Log(CurrencyProfile.All[i].UsdValue)).ToArray();
        _h = Enumerable.Repeat(1.0, n).ToArray();
        _zSum = new double[n];
        _drift = new double[n];
        _rng = currencies.Select(c => Rng.For(seed, "ccy:" + c.Code)).ToArray();
        _path = Enumerable.Range(0, n).Select(_ => new double[_steps + 1]).ToArray();
        for (var b = 0; b < CurrencyProfile.BlocCount; b++)
        {
            _hBloc[b] = 1;
            _rngBloc[b] = Rng.For(seed, "bloc:" + b);
        }
        _pairBase = _pairs.Select(p => currencies.IndexOf(p.Base)).ToArray();
        _pairQuote = _pairs.Select(p => currencies.IndexOf(p.Quote)).ToArray();
        _rngPair = _pairs.Select(p => Rng.For(seed, "pair:" + p.Symbol)).ToArray();
        _baseSpreadTicks = _pairs.Select(p => CurrencyProfile.BaseSpreadPips(p) * p.PipSizeD / p.TickSizeD).ToArray();
        _rngRegime = Rng.For(seed, "regime");
        _regime = 1;
        _sigmaStep = options.CurrencyVolatility / Math.Sqrt(TradingMinutesPerYear * _steps);
        Mid = _pairs.Select(_ => new double[_steps + 1]).ToArray();
        SpreadTicks = new int[_pairs.Length];
        Volume = new long[_pairs.Length];
    }

    private static long CeilMinute(long t) => (t + TimeSpan.TicksPerMinute - 1) / TimeSpan.TicksPerMinute * TimeSpan.TicksPerMinute;

    /// <summary>Advances to the next open minute in range; false at the end.</summary>
    public bool MoveNext()
    {
        while (_t < _end)
        {
            var day = _calendar.TradingDayOf(_t);
            if (!_calendar.IsTradingDay(day))
            {
                _t = CeilMinute(_calendar.TradingDayEndUtcTicks(day));
                continue;
            }
            var t = _t;
            _t += TimeSpan.TicksPerMinute;
            if (_lastEmitted != long.MinValue && t - _lastEmitted > TimeSpan.TicksPerMinute) ApplyClosureGap(t - _lastEmitted);
            _lastEmitted = t;
            Time = t;
            Step(t);
            return true;
        }
        return false;
    }

    private void Step(long t)
    {
        var regime = _model == SynthModel.Regime;
        var season = regime ? Seasonality(t) : 1.0;
        if (regime) AdvanceRegime();
        var regimeVol = regime ? _regime switch { 0 => 0.7, 3 => 2.2, _ => 1.0 } : 1.0;
        var n = _x.Length;
        for (var c = 0; c < n; c++) { _path[c][0] = _x[c]; _zSum[c] = 0; }
        Array.Clear(_zBlocSum);
        for (var k = 1; k <= _steps; k++)
        {
            for (var b = 0; b < CurrencyProfile.BlocCount; b++)
            {
                var z = _rngBloc[b].NextGaussian();
                _zBlocSum[b] += z;
                _zBloc[b] = z * Math.Sqrt(_hBloc[b]);
            }
            for (var c = 0; c < n; c++)
            {
                var (_, _, bloc, w) = CurrencyProfile.All[_profile[c]];
                var z = _rng[c].NextGaussian();
                _zSum[c] += z;
                var shock = Math.Sqrt(1 - w) * z * Math.Sqrt(_h[c]) + (bloc >= 0 ? Math.Sqrt(w) * _zBloc[bloc] : 0);
                _x[c] += _sigmaStep * season * regimeVol * shock + _drift[c] / _steps;
                _path[c][k] = _x[c];
            }
        }
        if (regime)
        {
            // GARCH(1,1) on the minute's standardised shock: persistence 0.99, unconditional mean 1.
            const double alpha = 0.04, beta = 0.95, omega = 1 - alpha - beta;
            for (var c = 0; c < n; c++)
            {
                var zm = _zSum[c] / Math.Sqrt(_steps);
                _h[c] = omega + alpha * _h[c] * zm * zm + beta * _h[c];
            }
            for (var b = 0; b < CurrencyProfile.BlocCount; b++)
            {
                var zm = _zBlocSum[b] / Math.Sqrt(_steps);
                _hBloc[b] = omega + alpha * _hBloc[b] * zm * zm + beta * _hBloc[b];
            }
        }
        var liquidity = regime ? SpreadFactor(t, season) : 1.0;
        for (var p = 0; p < _pairs.Length; p++)
        {
            var pb = _path[_pairBase[p]];
            var pq = _path[_pairQuote[p]];
            var mid = Mid[p];
            for (var k = 0; k <= _steps; k++) mid[k] = Math.Exp(pb[k] - pq[k]);
            var rng = _rngPair[p];
            double spread;
            long volume;
            if (regime)
            {
                var volFactor = Math.Sqrt(0.5 * (_h[_pairBase[p]] + _h[_pairQuote[p]]));
                spread = _baseSpreadTicks[p] * liquidity * (0.6 + 0.4 * volFactor) * (_regime == 3 ? 1.5 : 1.0)
                    * Math.Exp(0.2 * rng.NextGaussian());
                volume = Math.Max(1, rng.NextPoisson(_options.TicksPerMinute * season * regimeVol * volFactor));
            }
            else
            {
                spread = _baseSpreadTicks[p];
                volume = Math.Max(1, rng.NextPoisson(_options.TicksPerMinute));
            }
            SpreadTicks[p] = Math.Max(1, (int)Math.Round(spread));
            Volume[p] = volume;
        }
    }

    /// <summary>Calm, normal, trend and turbulent regimes with mean durations of 2 days, 1 day, 12 h and 3 h.</summary>
    private void AdvanceRegime()
    {
        ReadOnlySpan<double> meanMinutes = [2880, 1440, 720, 180];
        if (_rngRegime.NextDouble() >= 1.0 / meanMinutes[_regime]) return;
        var u = _rngRegime.NextDouble();
        var next = u < 0.35 ? 0 : u < 0.7 ? 1 : u < 0.9 ? 2 : 3;
        if (next == _regime) next = (next + 1) % 4;
        _regime = next;
        // Trend regimes give each currency a drift worth about half a percent over the regime's mean duration.
        // One draw per profile currency, whatever subset is generated, so streams stay aligned.
        Span<double> drifts = stackalloc double[CurrencyProfile.All.Length];
        for (var i = 0; i < drifts.Length; i++) drifts[i] = _regime == 2 ? 7e-6 * _rngRegime.NextGaussian() : 0;
        for (var c = 0; c < _x.Length; c++) _drift[c] = drifts[_profile[c]];
    }

    /// <summary>Volatility multiplier by active sessions: busiest in the London/New York overlap, quiet in the Sydney-only hours and around rollover.</summary>
    private double Seasonality(long t)
    {
        if (NearRollover(t)) return 0.35;
        var s = _calendar.ActiveSessions(t);
        var london = (s & TradingSession.London) != 0;
        var ny = (s & TradingSession.NewYork) != 0;
        var tokyo = (s & TradingSession.Tokyo) != 0;
        if (london && ny) return 1.6;
        if (london) return tokyo ? 1.1 : 1.2;
        if (ny) return 1.0;
        if (tokyo) return 0.7;
        return 0.5;
    }

    private double SpreadFactor(long t, double season)
    {
        if (NearRollover(t)) return 4.0;
        return season switch { >= 1.5 => 0.9, >= 1.0 => 1.0, >= 0.7 => 1.3, _ => 1.8 };
    }

    private bool NearRollover(long t)
    {
        var close = _calendar.NextDailyCloseUtcTicks(t - RolloverHalfWidth);
        return Math.Abs(t - close) <= RolloverHalfWidth;
    }

    /// <summary>News accumulates while the market is shut: the regime model reopens with a gap.</summary>
    private void ApplyClosureGap(long closedTicks)
    {
        if (_model != SynthModel.Regime) return;
        var minutes = Math.Min(closedTicks / (double)TimeSpan.TicksPerMinute, 240);
        var sd = _sigmaStep * Math.Sqrt(_steps * minutes);
        for (var c = 0; c < _x.Length; c++) _x[c] += sd * _rng[c].NextGaussian();
    }
}
