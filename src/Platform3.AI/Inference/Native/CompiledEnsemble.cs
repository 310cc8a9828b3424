using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Platform3.AI.Inference.Native;

/// <summary>
/// A tree ensemble flattened for evaluation: every tree's internal nodes in one <see cref="TreeNode"/> array
/// (tree after tree), followed by one sink node per leaf, whose value sits in a double array. A row's output
/// is the sum of the trees' leaf values in tree order, accumulated in double from 0 — exactly ML.NET's
/// arithmetic. A sink's children are itself, so several walks can step in lockstep without branches until
/// every one of them has reached a sink (index ≥ the internal-node count), which the CPU overlaps.
/// </summary>
internal sealed class CompiledEnsemble
{
    /// <summary>Rows in a transposed block: feature f of block row r is at f·BlockRows + r.</summary>
    internal const int BlockRows = 64;
    private const int BlockShift = 6;

    private readonly TreeNode[] _nodes;
    private readonly double[] _leafValues;
    private readonly bool[] _nanLeft;
    private readonly int[] _roots;
    /// <summary>Nodes below this index are internal; from it on, sinks (leaf j at _inner + j).</summary>
    private readonly int _inner;

    public int TreeCount => _roots.Length;
    public int LeafCount => _leafValues.Length;
    public int MaxDepth { get; }
    /// <summary>
    /// Whether some node sends a NaN left (ML.NET replaces NaN by the node's missing-value default, and that
    /// default is ≤ the threshold). Only then must a row holding NaN take the exact, slower walk.
    /// </summary>
    public bool AnyNanLeft { get; }

    private CompiledEnsemble(Builder b)
    {
        // Relocate: internal nodes first in tree order, then the sinks, so "reached a leaf" is one comparison.
        var count = b.Nodes.Count;
        var isSink = new bool[count];
        for (var n = 0; n < count; n++) isSink[n] = b.Nodes[n].Left == n;
        _inner = isSink.Count(x => !x);
        var map = new int[count];
        int nextInner = 0, nextSink = _inner;
        for (var n = 0; n < count; n++) map[n] = isSink[n] ? nextSink++ : nextInner++;
        _nodes = new TreeNode[count];
        _nanLeft = new bool[count];
        _leafValues = new double[count - _inner];
        for (var n = 0; n < count; n++)
        {
            var node = b.Nodes[n];
            var m = map[n];
            _nodes[m] = new TreeNode { Feature = node.Feature, Threshold = node.Threshold, Left = map[node.Left], Right = map[node.Right] };
            _nanLeft[m] = b.NanLeft[n];
            if (isSink[n]) _leafValues[m - _inner] = b.Values[n];
        }
        _roots = b.Roots.Select(r => map[r]).ToArray();
        MaxDepth = b.Depths.Count == 0 ? 0 : b.Depths.Max();
        AnyNanLeft = _nanLeft.Any(x => x);
    }

    /// <summary>Every split as (feature, threshold), for building probe rows.</summary>
    public IEnumerable<(int Feature, float Threshold)> Splits()
    {
        for (var n = 0; n < _inner; n++) yield return (_nodes[n].Feature, _nodes[n].Threshold);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref TreeNode nodes, ref float x, int n)
    {
        ref var node = ref Unsafe.Add(ref nodes, n);
        return Unsafe.Add(ref node.Left, Unsafe.Add(ref x, node.Feature) <= node.Threshold ? 0 : 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StepBlock(ref TreeNode nodes, ref float column, int n, int lane)
    {
        ref var node = ref Unsafe.Add(ref nodes, n);
        return Unsafe.Add(ref node.Left, Unsafe.Add(ref column, (node.Feature << BlockShift) + lane) <= node.Threshold ? 0 : 1);
    }

    /// <summary>
    /// The ensemble's sum for one row of <c>FeatureCount</c> floats. Exact when no node sends NaN left or the
    /// row has no NaN (a NaN compares false, so it goes right like ML.NET's); otherwise use <see cref="SumRowExact"/>.
    /// </summary>
    public double SumRow(ref float x)
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var leaves = ref Unsafe.Subtract(ref MemoryMarshal.GetArrayDataReference(_leafValues), _inner);
        var roots = _roots;
        var inner = _inner;
        double s = 0;
        var t = 0;
        for (; t + 4 <= roots.Length; t += 4)
        {
            int n0 = roots[t], n1 = roots[t + 1], n2 = roots[t + 2], n3 = roots[t + 3];
            // Four trees in lockstep until all four sit on a sink (the OR of (n − inner) is negative while any is internal).
            while (((n0 - inner) | (n1 - inner) | (n2 - inner) | (n3 - inner)) < 0)
            {
                n0 = Step(ref nodes, ref x, n0);
                n1 = Step(ref nodes, ref x, n1);
                n2 = Step(ref nodes, ref x, n2);
                n3 = Step(ref nodes, ref x, n3);
            }
            // Added one at a time, in tree order: double addition is not associative.
            s += Unsafe.Add(ref leaves, n0);
            s += Unsafe.Add(ref leaves, n1);
            s += Unsafe.Add(ref leaves, n2);
            s += Unsafe.Add(ref leaves, n3);
        }
        for (; t < roots.Length; t++)
        {
            var n = roots[t];
            while (n < inner) n = Step(ref nodes, ref x, n);
            s += Unsafe.Add(ref leaves, n);
        }
        return s;
    }

    /// <summary>The ensemble's sum for one row, honouring each node's missing-value default for NaN features.</summary>
    public double SumRowExact(ReadOnlySpan<float> x)
    {
        double s = 0;
        for (var t = 0; t < _roots.Length; t++)
        {
            var n = _roots[t];
            while (n < _inner)
            {
                ref readonly var node = ref _nodes[n];
                var v = x[node.Feature];
                n = v <= node.Threshold || (float.IsNaN(v) && _nanLeft[n]) ? node.Left : node.Right;
            }
            s += _leafValues[n - _inner];
        }
        return s;
    }

    /// <summary>
    /// Adds each tree's leaf value, in tree order, to <paramref name="acc"/>[r] for the <see cref="BlockRows"/>
    /// rows of a transposed block. One tree at a time over the block keeps its nodes in L1; eight rows walk
    /// it together as independent dependency chains.
    /// </summary>
    public void AddBlock(ref float block, Span<double> acc)
    {
        if (acc.Length < BlockRows) throw new ArgumentException("Accumulator shorter than a block.", nameof(acc));
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var leaves = ref Unsafe.Subtract(ref MemoryMarshal.GetArrayDataReference(_leafValues), _inner);
        ref var a = ref MemoryMarshal.GetReference(acc);
        var inner = _inner;
        for (var t = 0; t < _roots.Length; t++)
        {
            var root = _roots[t];
            for (var r = 0; r < BlockRows; r += 8)
            {
                ref var column = ref Unsafe.Add(ref block, r);
                int n0 = root, n1 = root, n2 = root, n3 = root, n4 = root, n5 = root, n6 = root, n7 = root;
                while (((n0 - inner) | (n1 - inner) | (n2 - inner) | (n3 - inner) | (n4 - inner) | (n5 - inner) | (n6 - inner) | (n7 - inner)) < 0)
                {
                    n0 = StepBlock(ref nodes, ref column, n0, 0);
                    n1 = StepBlock(ref nodes, ref column, n1, 1);
                    n2 = StepBlock(ref nodes, ref column, n2, 2);
                    n3 = StepBlock(ref nodes, ref column, n3, 3);
                    n4 = StepBlock(ref nodes, ref column, n4, 4);
                    n5 = StepBlock(ref nodes, ref column, n5, 5);
                    n6 = StepBlock(ref nodes, ref column, n6, 6);
                    n7 = StepBlock(ref nodes, ref column, n7, 7);
                }
                ref var ar = ref Unsafe.Add(ref a, r);
                ar += Unsafe.Add(ref leaves, n0);
                Unsafe.Add(ref ar, 1) += Unsafe.Add(ref leaves, n1);
                Unsafe.Add(ref ar, 2) += Unsafe.Add(ref leaves, n2);
                Unsafe.Add(ref ar, 3) += Unsafe.Add(ref leaves, n3);
                Unsafe.Add(ref ar, 4) += Unsafe.Add(ref leaves, n4);
                Unsafe.Add(ref ar, 5) += Unsafe.Add(ref leaves, n5);
                Unsafe.Add(ref ar, 6) += Unsafe.Add(ref leaves, n6);
                Unsafe.Add(ref ar, 7) += Unsafe.Add(ref leaves, n7);
            }
        }
    }

    /// <summary>Collects trees, validating every index so the unchecked walks above cannot leave the arrays.</summary>
    internal sealed class Builder(int featureCount)
    {
        internal readonly List<TreeNode> Nodes = [];
        internal readonly List<double> Values = [];
        internal readonly List<bool> NanLeft = [];
        internal readonly List<int> Roots = [], Depths = [];

        /// <summary>A tree that always outputs <paramref name="value"/> (ML.NET's unsplit tree outputs 0).</summary>
        public void AddConstant(double value)
        {
            Roots.Add(AddSink(value));
            Depths.Add(0);
        }

        /// <summary>
        /// Adds one tree in ML.NET's encoding: internal node i splits feature[i] at threshold[i]; a child c ≥ 0 is
        /// internal node c, c &lt; 0 is leaf ~c. <paramref name="missing"/> holds the per-node values ML.NET
        /// substitutes for NaN (null: NaN stays NaN). Throws <see cref="NotSupportedException"/> on malformed input.
        /// </summary>
        public void AddTree(IReadOnlyList<int> left, IReadOnlyList<int> right, IReadOnlyList<int> feature, IReadOnlyList<float> threshold,
            IReadOnlyList<double> leaves, IReadOnlyList<float>? missing)
        {
            var internalCount = left.Count;
            if (internalCount == 0)
            {
                AddConstant(0.0);
                return;
            }
            if (right.Count != internalCount || feature.Count != internalCount || threshold.Count != internalCount ||
                leaves.Count != internalCount + 1 || (missing is not null && missing.Count < internalCount))
                throw new NotSupportedException($"tree arrays disagree: {internalCount} nodes, {leaves.Count} leaves");
            var b = Nodes.Count;
            int Child(int c) => c >= 0
                ? c < internalCount ? b + c : throw new NotSupportedException($"child {c} outside {internalCount} nodes")
                : ~c < leaves.Count ? b + internalCount + ~c : throw new NotSupportedException($"leaf {~c} outside {leaves.Count} leaves");
            for (var i = 0; i < internalCount; i++)
            {
                if (left[i] == i || right[i] == i) throw new NotSupportedException($"node {i} is its own child");
                if ((uint)feature[i] >= (uint)featureCount)
                    throw new NotSupportedException($"split on feature {feature[i]} of {featureCount}");
                Nodes.Add(new TreeNode { Feature = feature[i], Threshold = threshold[i], Left = Child(left[i]), Right = Child(right[i]) });
                Values.Add(0);
                // ML.NET: a NaN feature is replaced by the node's default, then compared "≤ threshold".
                NanLeft.Add(missing is not null && missing[i] <= threshold[i]);
            }
            for (var j = 0; j < leaves.Count; j++) AddSink(leaves[j]);
            Roots.Add(b);
            Depths.Add(DepthOf(b, internalCount + leaves.Count));
        }

        private int AddSink(double value)
        {
            var self = Nodes.Count;
            Nodes.Add(new TreeNode { Feature = 0, Threshold = 0, Left = self, Right = self });
            Values.Add(value);
            NanLeft.Add(false);
            return self;
        }

        /// <summary>The longest root-to-leaf path; also checks the nodes form a tree (each reached exactly once).</summary>
        private int DepthOf(int root, int size)
        {
            var seen = new bool[size];
            var stack = new Stack<(int Node, int Depth)>();
            stack.Push((root, 0));
            var max = 0;
            var visited = 0;
            while (stack.Count > 0)
            {
                var (n, d) = stack.Pop();
                if (seen[n - root]) throw new NotSupportedException("tree nodes are shared or cyclic");
                seen[n - root] = true;
                visited++;
                var node = Nodes[n];
                if (node.Left == n) { max = Math.Max(max, d); continue; }
                stack.Push((node.Left, d + 1));
                stack.Push((node.Right, d + 1));
            }
            if (visited != size) throw new NotSupportedException($"tree has {size - visited} unreachable nodes");
            return max;
        }

        public CompiledEnsemble Build() => new(this);
    }
}
