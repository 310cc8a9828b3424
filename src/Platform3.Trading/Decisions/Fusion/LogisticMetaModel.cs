namespace Platform3.Trading.Decisions.Fusion;

/// <summary>
/// The stacking meta-model: an L2-regularised logistic regression of "the price rose over the stacking
/// horizon" on the sources' scores, refitted by Newton's method (IRLS) on a trailing window of resolved
/// cycles. Features are the per-source scores at decision time; labels are known only once the horizon has
/// passed, so every fit is out-of-sample for the cycles it then scores.
/// </summary>
public sealed class LogisticMetaModel
{
    private readonly int _k;              // features (sources), plus an intercept
    private readonly double[] _x;         // [window * k] ring
    private readonly double[] _y;
    private readonly double[] _beta;      // [k + 1], beta[0] intercept
    private readonly double[] _h;         // (k+1)^2 Hessian scratch
    private readonly double[] _g;
    private int _head;
    private int _count;
    private int _sinceFit;

    public int Window { get; }
    public int MinSamples { get; }
    public int RefitEvery { get; }
    public double L2 { get; }
    public int Features => _k;
    public int Count => _count;
    public bool IsFitted { get; private set; }
    public int Fits { get; private set; }
    public ReadOnlySpan<double> Coefficients => _beta;

    public LogisticMetaModel(int features, int window, int minSamples, int refitEvery, double l2)
    {
        if (features < 1) throw new ArgumentOutOfRangeException(nameof(features));
        _k = features;
        Window = window;
        MinSamples = minSamples;
        RefitEvery = refitEvery;
        L2 = l2;
        _x = new double[window * features];
        _y = new double[window];
        _beta = new double[features + 1];
        _h = new double[(features + 1) * (features + 1)];
        _g = new double[features + 1];
    }

    /// <summary>Adds a resolved cycle; refits when enough new samples arrived.</summary>
    public void Add(ReadOnlySpan<double> features, bool up)
    {
        if (features.Length > _k) features = features[.._k];
        var row = _x.AsSpan(_head * _k, _k);
        row.Clear();
        features.CopyTo(row);
        _y[_head] = up ? 1 : 0;
        _head = (_head + 1) % Window;
        if (_count < Window) _count++;
        _sinceFit++;
        if (_count >= MinSamples && (_sinceFit >= RefitEvery || !IsFitted)) Fit();
    }

    public double PredictUp(ReadOnlySpan<double> features)
    {
        var z = _beta[0];
        var n = Math.Min(features.Length, _k);
        for (var j = 0; j < n; j++) z += _beta[j + 1] * features[j];
        return Sigmoid(z);
    }

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    /// <summary>A few Newton steps from the previous coefficients (warm start); stops when the step is tiny.</summary>
    public void Fit()
    {
        _sinceFit = 0;
        var p = _k + 1;
        for (var iter = 0; iter < 25; iter++)
        {
            Array.Clear(_h);
            Array.Clear(_g);
            for (var s = 0; s < _count; s++)
            {
                var row = _x.AsSpan(s * _k, _k);
                var z = _beta[0];
                for (var j = 0; j < _k; j++) z += _beta[j + 1] * row[j];
                var mu = Sigmoid(z);
                var w = Math.Max(mu * (1 - mu), 1e-10);
                var r = _y[s] - mu;
                // augmented row a = [1, row]
                _g[0] += r;
                _h[0] += w;
                for (var j = 0; j < _k; j++)
                {
                    var aj = row[j];
                    _g[j + 1] += r * aj;
                    _h[j + 1] += w * aj;          // (0, j+1)
                    for (var m = j; m < _k; m++) _h[(j + 1) * p + m + 1] += w * aj * row[m];
                }
            }
            for (var j = 1; j < p; j++)
            {
                _h[j * p] = _h[j];                // symmetric first column
                for (var m = j + 1; m < p; m++) _h[m * p + j] = _h[j * p + m];
                _h[j * p + j] += L2;
                _g[j] -= L2 * _beta[j];
            }
            _h[0] += 1e-9;
            if (!Solve(_h, _g, p)) break;         // _g now holds the Newton step
            double step = 0;
            for (var j = 0; j < p; j++)
            {
                _beta[j] += _g[j];
                step = Math.Max(step, Math.Abs(_g[j]));
            }
            if (step < 1e-8) break;
        }
        for (var j = 0; j < p; j++)
            if (!double.IsFinite(_beta[j])) { Array.Clear(_beta); break; }
        IsFitted = true;
        Fits++;
    }

    /// <summary>Solves A x = b in place (b becomes x) by Gaussian elimination with partial pivoting.</summary>
    private static bool Solve(double[] a, double[] b, int n)
    {
        for (var c = 0; c < n; c++)
        {
            var piv = c;
            for (var r = c + 1; r < n; r++)
                if (Math.Abs(a[r * n + c]) > Math.Abs(a[piv * n + c])) piv = r;
            if (Math.Abs(a[piv * n + c]) < 1e-14) return false;
            if (piv != c)
            {
                for (var k = 0; k < n; k++) (a[c * n + k], a[piv * n + k]) = (a[piv * n + k], a[c * n + k]);
                (b[c], b[piv]) = (b[piv], b[c]);
            }
            for (var r = c + 1; r < n; r++)
            {
                var f = a[r * n + c] / a[c * n + c];
                if (f == 0) continue;
                for (var k = c; k < n; k++) a[r * n + k] -= f * a[c * n + k];
                b[r] -= f * b[c];
            }
        }
        for (var r = n - 1; r >= 0; r--)
        {
            var s = b[r];
            for (var k = r + 1; k < n; k++) s -= a[r * n + k] * b[k];
            b[r] = s / a[r * n + r];
        }
        return true;
    }
}
