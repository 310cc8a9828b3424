using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Platform3.AI.Inference.Native;

/// <summary>
/// Serves a <see cref="NativeModel"/>: Platform3's own tree-ensemble evaluator. Single rows walk four trees
/// at a time on stack buffers (no allocation); batches are cut into blocks of 64 rows, transposed so each
/// tree is walked by eight rows at once, and large batches are spread over <c>batchThreads</c> cores.
/// Stateless apart from the immutable model, so it is thread-safe.
/// </summary>
public sealed class NativePredictor : IPredictor
{
    /// <summary>Below this many rows a batch is scored row by row (a block costs 64 rows of work).</summary>
    private const int RowByRowBelow = 16;
    /// <summary>Batches smaller than this stay on the calling thread.</summary>
    private const int ParallelFrom = 4096;
    private const int StackFloats = 8192;

    private readonly NativeModel _model;
    private readonly ParallelOptions _parallel;

    public int FeatureCount => _model.FeatureCount;
    public int OutputWidth => _model.OutputWidth;
    public string Runtime => "native";
    public NativeModel Model => _model;
    public int BatchThreads => _parallel.MaxDegreeOfParallelism;

    public NativePredictor(NativeModel model, int batchThreads = 0)
    {
        _model = model;
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = batchThreads > 0 ? batchThreads : Environment.ProcessorCount };
    }

    public void Predict(ReadOnlySpan<float> features, Span<float> output)
    {
        var f = _model.FeatureCount;
        if (features.Length != f) throw new ArgumentException($"Expected {f} features, got {features.Length}.");
        if (output.Length < _model.OutputWidth) throw new ArgumentException($"Output needs {_model.OutputWidth} values, has {output.Length}.");
        Span<double> sums = stackalloc double[_model.ScoreCount];
        if (!_model.HasNormalisers)
        {
            _model.Score(features, sums);
        }
        else
        {
            float[]? rented = null;
            Span<float> x = f <= StackFloats / 8 ? stackalloc float[f] : (rented = ArrayPool<float>.Shared.Rent(f)).AsSpan(0, f);
            _model.Normalise(features, x);
            _model.Score(x, sums);
            if (rented is not null) ArrayPool<float>.Shared.Return(rented);
        }
        _model.Finish(sums, output);
    }

    public void PredictBatch(ReadOnlyMemory<float> features, int rows, Memory<float> output)
    {
        var f = _model.FeatureCount;
        var w = _model.OutputWidth;
        if (rows < 0 || features.Length != rows * f) throw new ArgumentException($"Expected {rows} × {f} features.");
        if (output.Length < rows * w) throw new ArgumentException($"Output needs {rows} × {w} values.");
        if (rows < RowByRowBelow)
        {
            for (var r = 0; r < rows; r++) Predict(features.Span.Slice(r * f, f), output.Span.Slice(r * w, w));
            return;
        }
        const int b = CompiledEnsemble.BlockRows;
        var blocks = (rows + b - 1) / b;
        var threads = _parallel.MaxDegreeOfParallelism;
        if (threads <= 1 || rows < ParallelFrom)
        {
            RunBlocks(features.Span, output.Span, rows, 0, blocks);
            return;
        }
        // A few chunks per thread so a slow core does not hold up the batch.
        var chunks = Math.Min(blocks, threads * 4);
        Parallel.For(0, chunks, _parallel, c =>
            RunBlocks(features.Span, output.Span, rows, (int)((long)blocks * c / chunks), (int)((long)blocks * (c + 1) / chunks)));
    }

    /// <summary>Scores blocks [<paramref name="from"/>, <paramref name="to"/>) of 64 rows.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunBlocks(ReadOnlySpan<float> x, Span<float> y, int rows, int from, int to)
    {
        const int b = CompiledEnsemble.BlockRows;
        var f = _model.FeatureCount;
        var w = _model.OutputWidth;
        var k = _model.ScoreCount;
        var normalise = _model.HasNormalisers;
        var need = f * b * (normalise ? 2 : 1);
        float[]? rented = null;
        Span<float> scratch = need <= StackFloats ? stackalloc float[need] : (rented = ArrayPool<float>.Shared.Rent(need)).AsSpan(0, need);
        var block = MemoryMarshal.Cast<float, int>(scratch[..(f * b)]);
        var normalised = normalise ? scratch.Slice(f * b, f * b) : default;
        Span<double> acc = stackalloc double[k * b];
        Span<double> sums = stackalloc double[k];
        ref var block0 = ref MemoryMarshal.GetReference(block);
        for (var blk = from; blk < to; blk++)
        {
            var r0 = blk * b;
            var n = Math.Min(b, rows - r0);
            scoped ReadOnlySpan<float> src = x.Slice(r0 * f, n * f);
            if (normalise)
            {
                for (var r = 0; r < n; r++) _model.Normalise(src.Slice(r * f, f), normalised.Slice(r * f, f));
                src = normalised[..(n * f)];
            }
            // Transpose into order keys: feature j of row r goes to j·64 + r.
            if (BlockTransposer.Transpose(src, n, f, block) && _model.AnyNanLeft)
            {
                // Some row has NaN where a node's missing-value default matters: score this block exactly, row by row.
                for (var r = 0; r < n; r++)
                {
                    _model.Score(src.Slice(r * f, f), sums);
                    _model.Finish(sums, y.Slice((r0 + r) * w, w));
                }
                continue;
            }
            acc.Clear();
            _model.ScoreBlock(ref block0, acc);
            for (var r = 0; r < n; r++)
            {
                for (var c = 0; c < k; c++) sums[c] = acc[c * b + r];
                _model.Finish(sums, y.Slice((r0 + r) * w, w));
            }
        }
        if (rented is not null) ArrayPool<float>.Shared.Return(rented);
    }

    public void Dispose() { }
}
