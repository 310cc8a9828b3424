using Microsoft.ML;
using Microsoft.ML.Data;

namespace Platform3.AI.Training.Trainers;

/// <summary>Reads scored rows out of a transformed view: "Probability" (binary), "Score" vector (multiclass) or "Score" (regression).</summary>
public static class ModelScorer
{
    public static float[] Score(ITransformer transformer, IDataView input, TaskKind task, int width)
    {
        var scored = transformer.Transform(input);
        var n = (int)(input.GetRowCount() ?? throw new InvalidOperationException("Row count unknown."));
        var result = new float[n * width];
        var column = scored.Schema[task == TaskKind.Binary ? "Probability" : "Score"];
        using var cursor = scored.GetRowCursor([column]);
        var i = 0;
        switch (task)
        {
            case TaskKind.Binary:
            {
                var get = cursor.GetGetter<float>(column);
                float p = 0;
                while (cursor.MoveNext())
                {
                    get(ref p);
                    result[i * 2] = 1 - p;
                    result[i * 2 + 1] = p;
                    i++;
                }
                break;
            }
            case TaskKind.Multiclass:
            {
                var get = cursor.GetGetter<VBuffer<float>>(column);
                var v = default(VBuffer<float>);
                while (cursor.MoveNext())
                {
                    get(ref v);
                    var dst = result.AsSpan(i * width, width);
                    v.CopyTo(dst);
                    Normalise(dst);
                    i++;
                }
                break;
            }
            default:
            {
                var get = cursor.GetGetter<float>(column);
                float s = 0;
                while (cursor.MoveNext()) { get(ref s); result[i++] = s; }
                break;
            }
        }
        if (i != n) throw new InvalidOperationException($"Scored {i} rows, expected {n}.");
        return result;
    }

    /// <summary>Makes class scores a distribution (multiclass scores are softmax outputs but may drift by rounding).</summary>
    internal static void Normalise(Span<float> p)
    {
        float sum = 0;
        foreach (var v in p) sum += v;
        if (sum > 0) for (var k = 0; k < p.Length; k++) p[k] /= sum;
    }
}
