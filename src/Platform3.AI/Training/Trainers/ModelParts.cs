using System.Collections.Immutable;
using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Platform3.AI.Training.Trainers;

/// <summary>One affine normaliser step as ML.NET applies it to a float vector: y = (x − offset)·scale, in float.</summary>
public sealed record AffineStep(float[] Offset, float[] Scale);

/// <summary>
/// The parts of a fitted ML.NET pipeline that our exporters and the native evaluator understand: the affine
/// normalisers in order, the predictor's parameters with any calibrator unwrapped, and the calibrator. One
/// reader serves the ONNX exporter, the native compiler and feature importance, so they agree on the shape.
/// </summary>
public sealed class ModelParts
{
    public IReadOnlyList<AffineStep> Normalisers { get; }
    /// <summary>The predictor's own parameters: a tree ensemble, a linear model, or a one-versus-all set of them.</summary>
    public object Predictor { get; }
    /// <summary>The calibrator that wrapped <see cref="Predictor"/>, if any.</summary>
    public object? Calibrator { get; }
    public PlattCalibrator? Platt => Calibrator as PlattCalibrator;

    private ModelParts(IReadOnlyList<AffineStep> normalisers, object predictor, object? calibrator)
    {
        Normalisers = normalisers; Predictor = predictor; Calibrator = calibrator;
    }

    /// <summary>The transformers of a pipeline in order (a single transformer is a one-step pipeline).</summary>
    public static IReadOnlyList<ITransformer> Steps(ITransformer transformer) =>
        // TransformerChain<T> is invariant in T, so test the IEnumerable it implements rather than TransformerChain<ITransformer>.
        transformer is IEnumerable<ITransformer> chain ? chain.ToList() : [transformer];

    /// <summary>The parameters of the pipeline's last step, when it is a prediction transformer.</summary>
    public static object? LastModel(ITransformer transformer) =>
        (Steps(transformer) is { Count: > 0 } steps ? steps[^1] : null) is ISingleFeaturePredictionTransformer<object> p ? p.Model : null;

    /// <summary>Splits calibrated parameters into (sub-model, calibrator); anything else is returned as is with no calibrator.</summary>
    public static (object? Sub, object? Calibrator) Unwrap(object? parameters)
    {
        if (parameters is null) return (null, null);
        // CalibratedModelParametersBase<TSub, TCalibrator> exposes SubModel and Calibrator on its generic base only.
        object? Prop(string name) => parameters.GetType().GetProperties()
            .FirstOrDefault(p => p.Name == name && p.DeclaringType is { IsGenericType: true })?.GetValue(parameters);
        var sub = Prop("SubModel");
        return sub is null ? (parameters, null) : (sub, Prop("Calibrator"));
    }

    /// <summary>Reads a pipeline of affine normalisers followed by one predictor; <paramref name="reason"/> says what else was found.</summary>
    public static bool TryRead(ITransformer transformer, out ModelParts? parts, out string? reason)
    {
        parts = null;
        var steps = Steps(transformer);
        var normalisers = new List<AffineStep>();
        foreach (var step in steps.Take(steps.Count - 1))
        {
            if (step is not NormalizingTransformer nt ||
                nt.GetNormalizerModelParameters(0) is not NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>> affine)
            {
                reason = $"unsupported pipeline step {step.GetType().Name}";
                return false;
            }
            var scale = affine.Scale.ToArray();
            // ML.NET omits the offset when every offset is zero; (x − 0)·s is bit-identical to x·s.
            var offset = affine.Offset.IsDefaultOrEmpty ? new float[scale.Length] : affine.Offset.ToArray();
            if (offset.Length != scale.Length)
            {
                reason = $"normaliser with {offset.Length} offsets for {scale.Length} scales";
                return false;
            }
            normalisers.Add(new AffineStep(offset, scale));
        }
        var (sub, calibrator) = Unwrap(LastModel(transformer));
        if (sub is null)
        {
            reason = $"the last step {steps[^1].GetType().Name} is not a prediction transformer";
            return false;
        }
        parts = new ModelParts(normalisers, sub, calibrator);
        reason = null;
        return true;
    }
}
