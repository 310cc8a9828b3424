using System.Collections;
using System.Reflection;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using Platform3.AI.Training;
using Platform3.AI.Training.Trainers;

namespace Platform3.AI.Inference.Native;

/// <summary>
/// Compiles an ML.NET pipeline into a <see cref="NativeModel"/> when it has a shape whose arithmetic we
/// reproduce exactly: affine normalisers, then a LightGBM or FastTree ensemble of numerical splits —
/// binary with a Platt calibrator, regression, or LightGBM multiclass (one ensemble per class, softmax).
/// Anything else is refused with a reason, and the caller serves the model with ML.NET.
/// </summary>
public static class NativeCompiler
{
    /// <summary>Class count limit (scores are accumulated on the stack).</summary>
    public const int MaxClasses = 16;

    public static bool TryCompile(TrainedModel model, out NativeModel? compiled, out string? reason) =>
        TryCompile(model.Transformer, model.Task, model.FeatureNames.Count, model.OutputWidth, out compiled, out reason);

    public static bool TryCompile(ITransformer transformer, TaskKind task, int featureCount, int outputWidth,
        out NativeModel? compiled, out string? reason)
    {
        compiled = null;
        if (featureCount is <= 0 or > 1 << 20) { reason = $"{featureCount} features (the evaluator takes 1 to {1 << 20})"; return false; }
        if (!ModelParts.TryRead(transformer, out var parts, out reason)) return false;
        foreach (var n in parts!.Normalisers)
            if (n.Scale.Length != featureCount) { reason = $"a normaliser covers {n.Scale.Length} features, the model takes {featureCount}"; return false; }
        try
        {
            var steps = parts.Normalisers.ToArray();
            switch (task)
            {
                case TaskKind.Binary:
                {
                    if (outputWidth != 2) { reason = $"binary output width {outputWidth}"; return false; }
                    if (parts.Platt is not { } platt) { reason = $"binary model calibrated by {parts.Calibrator?.GetType().Name ?? "nothing"}, not Platt"; return false; }
                    var e = Ensemble(parts.Predictor, featureCount, out var source);
                    compiled = new NativeModel(task, featureCount, 2, steps, [e], platt.Slope, platt.Offset, source);
                    break;
                }
                case TaskKind.Regression:
                {
                    if (parts.Calibrator is not null) { reason = "regression model with a calibrator"; return false; }
                    var e = Ensemble(parts.Predictor, featureCount, out var source);
                    compiled = new NativeModel(task, featureCount, 1, steps, [e], 0, 0, source);
                    break;
                }
                default:
                {
                    var classes = OneVersusAllSoftmax(parts.Predictor);
                    if (classes.Count != outputWidth) { reason = $"{classes.Count} class models for {outputWidth} outputs"; return false; }
                    if (classes.Count > MaxClasses) { reason = $"{classes.Count} classes (at most {MaxClasses})"; return false; }
                    var source = "";
                    var ensembles = classes.Select(c => Ensemble(ModelParts.Unwrap(c).Sub, featureCount, out source)).ToArray();
                    compiled = new NativeModel(task, featureCount, outputWidth, steps, ensembles, 0, 0, source + " one-versus-all softmax");
                    break;
                }
            }
        }
        catch (NotSupportedException ex)
        {
            reason = ex.Message;
            return false;
        }
        reason = null;
        return true;
    }

    /// <summary>
    /// The trees of a supported ensemble. Only these parameter types: their score is (float)Σ leaf values in
    /// tree order (FastForest averages, Tweedie exponentiates, GAMs are not trees — all refused).
    /// </summary>
    private static CompiledEnsemble Ensemble(object? predictor, int featureCount, out string source)
    {
        source = predictor switch
        {
            LightGbmBinaryModelParameters => "LightGBM binary",
            LightGbmRegressionModelParameters => "LightGBM regression",
            FastTreeBinaryModelParameters => "FastTree binary",
            FastTreeRegressionModelParameters => "FastTree regression",
            _ => throw new NotSupportedException($"model {predictor?.GetType().Name ?? "(none)"} is not a compiled tree ensemble type"),
        };
        var ensemble = ((TreeEnsembleModelParametersBasedOnRegressionTree)predictor!).TrainedTreeEnsemble;
        // ML.NET's evaluation ignores tree weights and the bias; they are 1 and 0 for these trainers. Refuse otherwise
        // rather than guess which of the two meanings a future version would use.
        if (ensemble.Bias != 0) throw new NotSupportedException($"ensemble bias {ensemble.Bias}");
        if (ensemble.TreeWeights.Any(w => w != 1)) throw new NotSupportedException("tree weights other than 1");
        var b = new CompiledEnsemble.Builder(featureCount);
        foreach (var tree in ensemble.Trees)
        {
            if (tree.CategoricalSplitFlags.Any(c => c)) throw new NotSupportedException("categorical splits");
            b.AddTree(tree.LeftChild, tree.RightChild, tree.NumericalSplitFeatureIndexes, tree.NumericalSplitThresholds,
                tree.LeafValues, MissingDefaults(tree));
        }
        return b.Build();
    }

    private static readonly FieldInfo? InnerTree = typeof(RegressionTreeBase).GetField("_tree", BindingFlags.NonPublic | BindingFlags.Instance);

    /// <summary>
    /// ML.NET replaces a NaN feature by a per-node default when the tree has one (LightGBM's missing-value
    /// direction) and keeps NaN otherwise. The defaults are not public, so read them from the wrapped tree;
    /// if ML.NET's layout changes, refuse rather than guess.
    /// </summary>
    internal static float[]? MissingDefaults(RegressionTreeBase tree)
    {
        var inner = InnerTree?.GetValue(tree) ?? throw new NotSupportedException("cannot read ML.NET's missing-value defaults (internal layout changed)");
        var field = inner.GetType().GetField("DefaultValueForMissing", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                    ?? throw new NotSupportedException("cannot read ML.NET's missing-value defaults (internal layout changed)");
        return (float[]?)field.GetValue(inner);
    }

    /// <summary>The per-class models of a one-versus-all model whose outputs are combined by softmax.</summary>
    internal static IReadOnlyList<object> OneVersusAllSoftmax(object predictor)
    {
        var type = predictor.GetType();
        if (!type.Name.StartsWith("OneVersusAllModelParameters", StringComparison.Ordinal))
            throw new NotSupportedException($"multiclass model {type.Name} is not one-versus-all");
        // The combination rule lives in a private implementation object (ImplRaw, ImplDist or ImplSoftmax).
        var impl = FindField(type, "_impl")?.GetValue(predictor);
        if (impl is null || impl.GetType().Name != "ImplSoftmax")
            throw new NotSupportedException($"one-versus-all output {impl?.GetType().Name ?? "(unknown)"}, only softmax is compiled");
        // The softmax evaluates exactly these mappers, one per class, in class order.
        var subs = impl.GetType().GetProperty("Predictors", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)?.GetValue(impl) as IEnumerable
                   ?? throw new NotSupportedException("cannot read the one-versus-all class models");
        return subs.Cast<object>().ToList();
    }

    private static FieldInfo? FindField(Type? type, string name)
    {
        for (; type is not null; type = type.BaseType)
            if (type.GetField(name, BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly) is { } f) return f;
        return null;
    }
}
