using Platform3.AI.Inference.Onnx;

namespace Platform3.AI.Tests.Support;

/// <summary>Builds small ONNX models in code: logistic regression p = sigmoid(x·w + b), output [N, 2].</summary>
internal static class TinyOnnx
{
    public static byte[] Logistic(float[] weights, float bias, string input = "input", string output = "probabilities")
    {
        var g = new OnnxGraphBuilder { Producer = "test" };
        g.Input(input, weights.Length);
        var z = g.Node("Add", [g.Node("MatMul", [input, g.Constant(weights, weights.Length, 1)]), g.Constant([bias], 1)]);
        var p = g.Node("Sigmoid", [z]);
        g.Node("Concat", [g.Node("Sub", [g.Constant([1f], 1), p]), p], output, "", OnnxGraphBuilder.Attr.Int("axis", 1));
        g.Output(output, 2);
        return g.Build();
    }

    public static float[] Expected(float[] weights, float bias, float[] x)
    {
        double z = bias;
        for (var i = 0; i < weights.Length; i++) z += weights[i] * x[i];
        var p = (float)(1 / (1 + Math.Exp(-z)));
        return [1 - p, p];
    }
}
