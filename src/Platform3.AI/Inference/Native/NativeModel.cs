using System.Globalization;
using System.Numerics;
using System.Numerics.Tensors;
using Platform3.AI.Training;
using Platform3.AI.Training.Trainers;

namespace Platform3.AI.Inference.Native;

/// <summary>
/// A tree model compiled from an ML.NET pipeline: the affine normalisers as flat offset/scale arrays, one
/// <see cref="CompiledEnsemble"/> per raw score (one, or one per class), and the link that turns raw scores
/// into outputs the way ML.NET does — Platt in double cast to float for binary, softmax in double for
/// multiclass, the float score itself for regression. Immutable, so any number of threads may use it.
/// </summary>
public sealed class NativeModel
{
    private readonly AffineStep[] _normalisers;
    private readonly CompiledEnsemble[] _ensembles;
    private readonly double _plattSlope, _plattOffset;

    public TaskKind Task { get; }
    public int FeatureCount { get; }
    public int OutputWidth { get; }
    /// <summary>Raw scores per row: 1, or the class count for multiclass.</summary>
    internal int ScoreCount => _ensembles.Length;
    internal bool HasNormalisers => _normalisers.Length > 0;
    internal bool AnyNanLeft { get; }
    public string Source { get; }

    internal NativeModel(TaskKind task, int featureCount, int outputWidth, AffineStep[] normalisers, CompiledEnsemble[] ensembles,
        double plattSlope, double plattOffset, string source)
    {
        Task = task; FeatureCount = featureCount; OutputWidth = outputWidth;
        _normalisers = normalisers; _ensembles = ensembles;
        _plattSlope = plattSlope; _plattOffset = plattOffset;
        AnyNanLeft = ensembles.Any(e => e.AnyNanLeft);
        Source = source;
    }

    public string Describe()
    {
        var trees = _ensembles.Sum(e => e.TreeCount);
        var leaves = _ensembles.Sum(e => e.LeafCount);
        var depth = _ensembles.Max(e => e.MaxDepth);
        return string.Create(CultureInfo.InvariantCulture,
            $"{Source}: {trees} trees, {leaves} leaves, depth ≤ {depth}, {_normalisers.Length} normaliser(s){(AnyNanLeft ? ", NaN defaults" : "")}, batch walk {(_ensembles.All(e => e.Chained) ? "chained" : "per tree")}");
    }

    internal IEnumerable<(int Feature, float Threshold)> Splits() => _ensembles.SelectMany(e => e.Splits());

    /// <summary>Maps a raw feature value through the normalisers in reverse (approximately), for probe rows.</summary>
    internal float Unnormalise(int feature, float y)
    {
        for (var k = _normalisers.Length - 1; k >= 0; k--)
        {
            var s = _normalisers[k].Scale[feature];
            y = s == 0 ? _normalisers[k].Offset[feature] : y / s + _normalisers[k].Offset[feature];
        }
        return y;
    }

    /// <summary>Applies the normalisers to one row exactly as ML.NET does ((x − offset)·scale per element, in float).</summary>
    internal void Normalise(ReadOnlySpan<float> x, Span<float> y)
    {
        var src = x;
        foreach (var step in _normalisers)
        {
            TensorPrimitives.Subtract(src, step.Offset, y);
            TensorPrimitives.Multiply(y, step.Scale, y);
            src = y;
        }
    }

    internal static bool HasNaN(ReadOnlySpan<float> x)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
            for (; i + Vector<float>.Count <= x.Length; i += Vector<float>.Count)
            {
                var v = new Vector<float>(x[i..]);
                if (!Vector.EqualsAll(v, v)) return true;
            }
        for (; i < x.Length; i++) if (float.IsNaN(x[i])) return true;
        return false;
    }

    /// <summary>Raw scores of one normalised row.</summary>
    internal void Score(ReadOnlySpan<float> x, Span<double> sums)
    {
        var exact = AnyNanLeft && HasNaN(x);
        ref var x0 = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        for (var k = 0; k < _ensembles.Length; k++)
            sums[k] = exact ? _ensembles[k].SumRowExact(x) : _ensembles[k].SumRow(ref x0);
    }

    /// <summary>Adds a transposed block's tree outputs into acc[k·BlockRows + r].</summary>
    internal void ScoreBlock(ref int block, Span<double> acc)
    {
        for (var k = 0; k < _ensembles.Length; k++)
            _ensembles[k].AddBlock(ref block, acc.Slice(k * CompiledEnsemble.BlockRows, CompiledEnsemble.BlockRows));
    }

    /// <summary>Turns raw scores into the outputs ML.NET's prediction engine gives (see the other predictors).</summary>
    internal void Finish(ReadOnlySpan<double> sums, Span<float> output)
    {
        switch (Task)
        {
            case TaskKind.Binary:
            {
                // ML.NET: score = (float)sum; PlattCalibrator: NaN stays NaN, else (float)(1 / (1 + exp(a·score + b))).
                var score = (float)sums[0];
                var p = float.IsNaN(score) ? score : (float)(1 / (1 + Math.Exp(_plattSlope * score + _plattOffset)));
                output[0] = 1 - p;
                output[1] = p;
                break;
            }
            case TaskKind.Multiclass:
            {
                // ML.NET's one-versus-all softmax: exp of each float score in double, divided by the double sum.
                double total = 0;
                for (var k = 0; k < sums.Length; k++) total += Math.Exp((float)sums[k]);
                for (var k = 0; k < sums.Length; k++) output[k] = (float)(Math.Exp((float)sums[k]) / total);
                ModelScorer.Normalise(output[..sums.Length]);
                break;
            }
            default:
                output[0] = (float)sums[0];
                break;
        }
    }
}
