using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Platform3.AI.Inference.Native;
using Platform3.AI.Training;
using Platform3.AI.Training.Trainers;

namespace Platform3.AI.Inference.Onnx;

/// <summary>
/// Exports our ML.NET models to ONNX (ML.NET's own converter is not available here): z-score/min-max
/// normalisers, tree ensembles (LightGBM, FastTree) as ai.onnx.ml TreeEnsembleRegressor, linear models as
/// MatMul + Add, the Platt calibrator as Mul + Add + Sigmoid, and LightGBM's one-versus-all multiclass as one
/// TreeEnsembleRegressor with a target per class followed by Softmax. The graph takes "features" [N, F] and
/// returns "probabilities" [N, 2] (binary) or [N, classes] (multiclass), or "score" [N, 1] (regression).
/// </summary>
public static class OnnxExporter
{
    public const string InputName = "features", ProbabilitiesName = "probabilities", ScoreName = "score";

    public static bool TryExport(TrainedModel model, out byte[] onnx, out string outputName, out string? reason) =>
        TryExport(model.Transformer, model.Task, model.FeatureNames.Count, out onnx, out outputName, out reason);

    /// <summary>Exports a fitted (or loaded) ML.NET pipeline taking <paramref name="featureCount"/> features.</summary>
    public static bool TryExport(ITransformer transformer, TaskKind task, int featureCount, out byte[] onnx, out string outputName, out string? reason)
    {
        onnx = [];
        outputName = task == TaskKind.Regression ? ScoreName : ProbabilitiesName;
        if (!ModelParts.TryRead(transformer, out var parts, out reason)) return false;
        var g = new OnnxGraphBuilder();
        var f = featureCount;
        g.Input(InputName, f);
        var x = InputName;
        foreach (var affine in parts!.Normalisers)
        {
            // ML.NET's affine normaliser: y = (x − offset) · scale.
            if (affine.Offset.Any(o => o != 0)) x = g.Node("Sub", [x, g.Constant(affine.Offset, f)]);
            x = g.Node("Mul", [x, g.Constant(affine.Scale, f)]);
        }
        if (task == TaskKind.Multiclass)
        {
            if (!TryClassEnsembles(parts.Predictor, out var classes, out reason)) return false;
            // ML.NET's one-versus-all softmax: exp(score_k) / Σ exp(score_j) over the per-class raw scores.
            g.Node("Softmax", [Trees(g, x, classes!)], ProbabilitiesName, "", OnnxGraphBuilder.Attr.Int("axis", 1));
            g.Output(ProbabilitiesName, classes!.Count);
            onnx = g.Build();
            return true;
        }
        string raw;
        switch (parts.Predictor)
        {
            case TreeEnsembleModelParametersBasedOnRegressionTree trees:
                raw = Trees(g, x, [trees.TrainedTreeEnsemble]);
                break;
            case LinearModelParameters linear:
                var w = linear.Weights.ToArray();
                raw = g.Node("Add", [g.Node("MatMul", [x, g.Constant(w, w.Length, 1)]), g.Constant([linear.Bias], 1)]);
                break;
            default:
                reason = $"unsupported model {parts.Predictor.GetType().Name}";
                return false;
        }
        if (task == TaskKind.Regression)
        {
            g.Node("Identity", [raw], ScoreName);
            g.Output(ScoreName, 1);
        }
        else
        {
            if (parts.Platt is not { } platt) { reason = "binary model without a Platt calibrator"; return false; }
            // Platt: p = 1 / (1 + exp(slope·s + offset)) = sigmoid(−slope·s − offset).
            var z = g.Node("Add", [g.Node("Mul", [raw, g.Constant([(float)-platt.Slope], 1)]), g.Constant([(float)-platt.Offset], 1)]);
            var p = g.Node("Sigmoid", [z]);
            var q = g.Node("Sub", [g.Constant([1f], 1), p]);
            g.Node("Concat", [q, p], ProbabilitiesName, "", OnnxGraphBuilder.Attr.Int("axis", 1));
            g.Output(ProbabilitiesName, 2);
        }
        onnx = g.Build();
        reason = null;
        return true;
    }

    /// <summary>The per-class tree ensembles of a one-versus-all softmax model (LightGBM multiclass), in class order.</summary>
    private static bool TryClassEnsembles(object predictor, out IReadOnlyList<RegressionTreeEnsemble>? classes, out string? reason)
    {
        classes = null;
        IReadOnlyList<object> models;
        try { models = NativeCompiler.OneVersusAllSoftmax(predictor); }
        catch (NotSupportedException e) { reason = e.Message; return false; }
        var ensembles = new List<RegressionTreeEnsemble>();
        foreach (var m in models)
        {
            if (ModelParts.Unwrap(m).Sub is not TreeEnsembleModelParametersBasedOnRegressionTree trees)
            {
                reason = $"class model {m.GetType().Name} is not a tree ensemble";
                return false;
            }
            ensembles.Add(trees.TrainedTreeEnsemble);
        }
        classes = ensembles;
        reason = null;
        return true;
    }

    /// <summary>
    /// Encodes ensembles as one TreeEnsembleRegressor: target k sums ensemble k's weighted leaf values plus its
    /// bias. ML.NET goes left when x ≤ threshold; a negative child index ~j means leaf j. ONNX ids: trees are
    /// numbered across all ensembles; in a tree, internal node i keeps i, leaf j becomes NumberOfNodes + j.
    /// </summary>
    private static string Trees(OnnxGraphBuilder g, string x, IReadOnlyList<RegressionTreeEnsemble> ensembles)
    {
        List<long> treeIds = [], nodeIds = [], featureIds = [], trueIds = [], falseIds = [], nanTrue = [];
        List<float> values = [];
        List<string> modes = [];
        List<long> tTree = [], tNode = [], tId = [];
        List<float> tWeight = [];
        var t = -1;
        for (var target = 0; target < ensembles.Count; target++)
        for (var k = 0; k < ensembles[target].Trees.Count; k++)
        {
            t++;
            var tree = ensembles[target].Trees[k];
            var weight = ensembles[target].TreeWeights[k];
            var internalCount = tree.NumberOfNodes;
            long Id(int child) => child >= 0 ? child : internalCount + ~child;
            // ML.NET replaces a NaN feature by the node's missing-value default (when the tree has them) before
            // comparing; ONNX Runtime sends NaN to the true branch where missing_value_tracks_true is 1.
            var missing = NativeCompiler.MissingDefaults(tree);
            for (var n = 0; n < internalCount; n++)
            {
                if (tree.CategoricalSplitFlags.Count > n && tree.CategoricalSplitFlags[n])
                    throw new NotSupportedException("Categorical splits are not exported.");
                treeIds.Add(t); nodeIds.Add(n);
                featureIds.Add(tree.NumericalSplitFeatureIndexes[n]);
                values.Add(tree.NumericalSplitThresholds[n]);
                modes.Add("BRANCH_LEQ");
                trueIds.Add(Id(tree.LeftChild[n]));
                falseIds.Add(Id(tree.RightChild[n]));
                nanTrue.Add(missing is not null && missing[n] <= tree.NumericalSplitThresholds[n] ? 1 : 0);
            }
            for (var leaf = 0; leaf < tree.NumberOfLeaves; leaf++)
            {
                var id = internalCount + leaf;
                treeIds.Add(t); nodeIds.Add(id); featureIds.Add(0); values.Add(0); modes.Add("LEAF"); trueIds.Add(0); falseIds.Add(0); nanTrue.Add(0);
                tTree.Add(t); tNode.Add(id); tId.Add(target); tWeight.Add((float)(tree.LeafValues[leaf] * weight));
            }
        }
        return g.Node("TreeEnsembleRegressor", [x], null, OnnxGraphBuilder.MlDomain,
            OnnxGraphBuilder.Attr.Ints("nodes_treeids", treeIds),
            OnnxGraphBuilder.Attr.Ints("nodes_nodeids", nodeIds),
            OnnxGraphBuilder.Attr.Ints("nodes_featureids", featureIds),
            OnnxGraphBuilder.Attr.Floats("nodes_values", values),
            OnnxGraphBuilder.Attr.Strings("nodes_modes", modes),
            OnnxGraphBuilder.Attr.Ints("nodes_truenodeids", trueIds),
            OnnxGraphBuilder.Attr.Ints("nodes_falsenodeids", falseIds),
            OnnxGraphBuilder.Attr.Ints("nodes_missing_value_tracks_true", nanTrue),
            OnnxGraphBuilder.Attr.Ints("target_treeids", tTree),
            OnnxGraphBuilder.Attr.Ints("target_nodeids", tNode),
            OnnxGraphBuilder.Attr.Ints("target_ids", tId),
            OnnxGraphBuilder.Attr.Floats("target_weights", tWeight),
            OnnxGraphBuilder.Attr.Int("n_targets", ensembles.Count),
            OnnxGraphBuilder.Attr.String("aggregate_function", "SUM"),
            OnnxGraphBuilder.Attr.Floats("base_values", ensembles.Select(e => (float)e.Bias).ToArray()),
            OnnxGraphBuilder.Attr.String("post_transform", "NONE"));
    }
}
