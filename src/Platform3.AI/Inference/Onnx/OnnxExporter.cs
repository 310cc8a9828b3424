using Microsoft.ML;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Platform3.AI.Training;
using Platform3.AI.Training.Trainers;

namespace Platform3.AI.Inference.Onnx;

/// <summary>
/// Exports our ML.NET models to ONNX (ML.NET's own converter is not available here): z-score/min-max
/// normalisers, tree ensembles (LightGBM, FastTree) as ai.onnx.ml TreeEnsembleRegressor, linear models as
/// MatMul + Add, and the Platt calibrator as Mul + Add + Sigmoid. The graph takes "features" [N, F] and
/// returns "probabilities" [N, 2] (binary) or "score" [N, 1] (regression). Multiclass is not exported.
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
        if (task == TaskKind.Multiclass) { reason = "multiclass models are not exported to ONNX"; return false; }
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
        string raw;
        switch (parts.Predictor)
        {
            case TreeEnsembleModelParametersBasedOnRegressionTree trees:
                raw = Trees(g, x, trees.TrainedTreeEnsemble);
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

    /// <summary>
    /// Encodes the ensemble as one TreeEnsembleRegressor summing weighted leaf values plus the bias.
    /// ML.NET goes left when x ≤ threshold; a negative child index ~j means leaf j. ONNX ids: internal
    /// node i keeps i, leaf j becomes NumberOfNodes + j.
    /// </summary>
    private static string Trees(OnnxGraphBuilder g, string x, RegressionTreeEnsemble ensemble)
    {
        List<long> treeIds = [], nodeIds = [], featureIds = [], trueIds = [], falseIds = [];
        List<float> values = [];
        List<string> modes = [];
        List<long> tTree = [], tNode = [], tId = [];
        List<float> tWeight = [];
        for (var t = 0; t < ensemble.Trees.Count; t++)
        {
            var tree = ensemble.Trees[t];
            var weight = ensemble.TreeWeights[t];
            var internalCount = tree.NumberOfNodes;
            long Id(int child) => child >= 0 ? child : internalCount + ~child;
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
            }
            for (var leaf = 0; leaf < tree.NumberOfLeaves; leaf++)
            {
                var id = internalCount + leaf;
                treeIds.Add(t); nodeIds.Add(id); featureIds.Add(0); values.Add(0); modes.Add("LEAF"); trueIds.Add(0); falseIds.Add(0);
                tTree.Add(t); tNode.Add(id); tId.Add(0); tWeight.Add((float)(tree.LeafValues[leaf] * weight));
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
            OnnxGraphBuilder.Attr.Ints("target_treeids", tTree),
            OnnxGraphBuilder.Attr.Ints("target_nodeids", tNode),
            OnnxGraphBuilder.Attr.Ints("target_ids", tId),
            OnnxGraphBuilder.Attr.Floats("target_weights", tWeight),
            OnnxGraphBuilder.Attr.Int("n_targets", 1),
            OnnxGraphBuilder.Attr.String("aggregate_function", "SUM"),
            OnnxGraphBuilder.Attr.Floats("base_values", [(float)ensemble.Bias]),
            OnnxGraphBuilder.Attr.String("post_transform", "NONE"));
    }
}
