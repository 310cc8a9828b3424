using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Platform3.AI.Inference.Native;

/// <summary>
/// A tree ensemble flattened for evaluation: every tree's nodes in one <see cref="TreeNode"/> array, each
/// leaf a sink node whose value sits at the same index in a double array. A row's output is the sum of the
/// trees' leaf values in tree order, accumulated in double from 0 — exactly ML.NET's arithmetic.
/// Each tree is walked a fixed number of steps (its depth; sinks absorb the extra steps), which lets the
/// walk run without branches and several walks run interleaved, so the CPU overlaps their node loads.
/// </summary>
internal sealed class CompiledEnsemble
{
    /// <summary>Trees walked together for one row.</summary>
    private const int TreeLanes = 4;
    /// <summary>Rows in a transposed block: feature f of block row r is at f·BlockRows + r.</summary>
    internal const int BlockRows = 64;
    private const int BlockShift = 6;

    private readonly TreeNode[] _nodes;
    private readonly double[] _values;
    private readonly bool[] _nanLeft;
    private readonly int[] _roots, _depths, _groupDepths;

    public int TreeCount => _roots.Length;
    public int LeafCount { get; }
    public int MaxDepth { get; }
    /// <summary>
    /// Whether some node sends a NaN left (ML.NET replaces NaN by the node's missing-value default, and that
    /// default is ≤ the threshold). Only then must a row holding NaN take the exact, slower walk.
    /// </summary>
    public bool AnyNanLeft { get; }

    private CompiledEnsemble(Builder b)
    {
        _nodes = [.. b.Nodes];
        _values = [.. b.Values];
        _nanLeft = [.. b.NanLeft];
        _roots = [.. b.Roots];
        _depths = [.. b.Depths];
        _groupDepths = new int[_roots.Length / TreeLanes];
        for (var g = 0; g < _groupDepths.Length; g++)
            for (var k = 0; k < TreeLanes; k++) _groupDepths[g] = Math.Max(_groupDepths[g], _depths[g * TreeLanes + k]);
        LeafCount = b.LeafCount;
        MaxDepth = _depths.Length == 0 ? 0 : _depths.Max();
        AnyNanLeft = _nanLeft.Any(x => x);
    }

    /// <summary>Every split as (feature, threshold), for building probe rows.</summary>
    public IEnumerable<(int Feature, float Threshold)> Splits()
    {
        for (var n = 0; n < _nodes.Length; n++)
            if (_nodes[n].Left != n) yield return (_nodes[n].Feature, _nodes[n].Threshold);
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
        ref var values = ref MemoryMarshal.GetArrayDataReference(_values);
        var roots = _roots;
        double s = 0;
        var t = 0;
        for (var g = 0; g < _groupDepths.Length; g++, t += TreeLanes)
        {
            int n0 = roots[t], n1 = roots[t + 1], n2 = roots[t + 2], n3 = roots[t + 3];
            for (var d = _groupDepths[g]; d > 0; d--)
            {
                n0 = Step(ref nodes, ref x, n0);
                n1 = Step(ref nodes, ref x, n1);
                n2 = Step(ref nodes, ref x, n2);
                n3 = Step(ref nodes, ref x, n3);
            }
            // Added one at a time, in tree order: double addition is not associative.
            s += Unsafe.Add(ref values, n0);
            s += Unsafe.Add(ref values, n1);
            s += Unsafe.Add(ref values, n2);
            s += Unsafe.Add(ref values, n3);
        }
        for (; t < roots.Length; t++)
        {
            var n = roots[t];
            for (var d = _depths[t]; d > 0; d--) n = Step(ref nodes, ref x, n);
            s += Unsafe.Add(ref values, n);
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
            for (var d = _depths[t]; d > 0; d--)
            {
                ref readonly var node = ref _nodes[n];
                var v = x[node.Feature];
                n = v <= node.Threshold || (float.IsNaN(v) && _nanLeft[n]) ? node.Left : node.Right;
            }
            s += _values[n];
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
        ref var values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref var a = ref MemoryMarshal.GetReference(acc);
        for (var t = 0; t < _roots.Length; t++)
        {
            int root = _roots[t], depth = _depths[t];
            for (var r = 0; r < BlockRows; r += 8)
            {
                ref var column = ref Unsafe.Add(ref block, r);
                int n0 = root, n1 = root, n2 = root, n3 = root, n4 = root, n5 = root, n6 = root, n7 = root;
                for (var d = depth; d > 0; d--)
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
                ar += Unsafe.Add(ref values, n0);
                Unsafe.Add(ref ar, 1) += Unsafe.Add(ref values, n1);
                Unsafe.Add(ref ar, 2) += Unsafe.Add(ref values, n2);
                Unsafe.Add(ref ar, 3) += Unsafe.Add(ref values, n3);
                Unsafe.Add(ref ar, 4) += Unsafe.Add(ref values, n4);
                Unsafe.Add(ref ar, 5) += Unsafe.Add(ref values, n5);
                Unsafe.Add(ref ar, 6) += Unsafe.Add(ref values, n6);
                Unsafe.Add(ref ar, 7) += Unsafe.Add(ref values, n7);
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
        internal int LeafCount;

        /// <summary>A tree that always outputs <paramref name="value"/> (ML.NET's unsplit tree outputs 0).</summary>
        public void AddConstant(double value)
        {
            Roots.Add(AddSink(value));
            Depths.Add(0);
            LeafCount++;
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
            LeafCount += leaves.Count;
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
