using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Platform3.AI.Inference.Native;

/// <summary>
/// A tree ensemble flattened for evaluation: every tree's nodes in one <see cref="TreeNode"/> array, laid out
/// breadth-first so each node's two children are adjacent (next = Left + (x ≤ t ? 0 : 1)); leaves are sinks
/// whose values sit in a double array at the same index. A row's output is the sum of the trees' leaf values
/// in tree order, accumulated in double from 0 — exactly ML.NET's arithmetic. Several walks step in lockstep
/// without branches until every one of them stands on a sink, so the CPU overlaps their dependent loads.
/// The walks are compiled fully optimised at once: left to tiering, a long-running batch can stay in
/// on-stack-replacement code that keeps the lanes in memory instead of registers.
/// </summary>
internal sealed class CompiledEnsemble
{
    /// <summary>Rows in a transposed block: feature f of block row r is at f·BlockRows + r.</summary>
    internal const int BlockRows = 64;
    private const int BlockShift = 6;

    private readonly TreeNode[] _nodes;
    /// <summary>The same nodes for the batch walk: column offsets and threshold keys.</summary>
    private readonly KeyNode[] _blockNodes;
    private readonly double[] _values;
    private readonly bool[] _nanLeft;
    private readonly int[] _roots;
    /// <summary>The whole ensemble as one walk for batches (null when it does not fit the chain's 8-byte nodes).</summary>
    private readonly TreeChain? _chain;
    /// <summary>The single-row walk in lanes (null when the ensemble does not suit it).</summary>
    private readonly RowChain? _row;
    private readonly int _featureCount;

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
        var count = b.Nodes.Count;
        _nodes = new TreeNode[count];
        _values = new double[count];
        _nanLeft = new bool[count];
        _roots = new int[b.Roots.Count];
        var next = 0;
        var queue = new Queue<(int From, int To)>();
        for (var t = 0; t < b.Roots.Count; t++)
        {
            // Breadth-first from the root, giving each internal node's children two adjacent slots.
            _roots[t] = next;
            queue.Enqueue((b.Roots[t], next++));
            while (queue.Count > 0)
            {
                var (from, to) = queue.Dequeue();
                var node = b.Nodes[from];
                if (node.Left == from)
                {
                    _nodes[to] = new TreeNode { Feature = TreeNode.SinkFlag, Threshold = float.NaN, Left = to - 1, Right = to };
                    _values[to] = b.Values[from];
                    LeafCount++;
                    continue;
                }
                var left = next;
                next += 2;
                _nodes[to] = new TreeNode { Feature = node.Feature, Threshold = node.Threshold, Left = left, Right = left + 1 };
                _nanLeft[to] = b.NanLeft[from];
                queue.Enqueue((node.Left, left));
                queue.Enqueue((node.Right, left + 1));
            }
        }
        if (next != count) throw new NotSupportedException($"laid out {next} of {count} nodes");
        _blockNodes = _nodes.Select(n => new KeyNode
        {
            Offset = n.Feature < 0 ? n.Feature : n.Feature << BlockShift, Threshold = OrderKey.OfThreshold(n.Threshold), Left = n.Left, Right = n.Right,
        }).ToArray();
        MaxDepth = b.Depths.Count == 0 ? 0 : b.Depths.Max();
        AnyNanLeft = _nanLeft.Any(x => x);
        _chain = TreeChain.TryBuild(_nodes, _values, _roots, b.FeatureCount);
        _row = RowChain.TryBuild(_nodes, _values, _roots, b.FeatureCount);
        _featureCount = b.FeatureCount;
    }

    /// <summary>Whether batches take the chained walk (<see cref="TreeChain"/>) rather than the per-tree lockstep.</summary>
    internal bool Chained => _chain is not null;

    /// <summary>Every split as (feature, threshold), for building probe rows.</summary>
    public IEnumerable<(int Feature, float Threshold)> Splits()
    {
        foreach (var node in _nodes)
            if (node.Feature >= 0) yield return (node.Feature, node.Threshold);
    }

    /// <summary>One step of a walk from node <paramref name="n"/>: Left plus the comparison's outcome.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref TreeNode nodes, ref float x, int n)
    {
        ref var node = ref Unsafe.Add(ref nodes, n);
        return node.Left + (Unsafe.Add(ref x, (nint)(uint)(node.Feature & TreeNode.FeatureMask)) <= node.Threshold ? 0 : 1);
    }

    /// <summary>Negative once node <paramref name="n"/> is a sink.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Word(ref TreeNode nodes, int n) => Unsafe.Add(ref nodes, n).Feature;

    /// <summary>A step in a transposed block of order keys over <see cref="_blockNodes"/> (column offsets, integer compare).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StepBlock(ref KeyNode nodes, ref int column, int n, int lane)
    {
        ref var node = ref Unsafe.Add(ref nodes, n);
        return node.Left + (Unsafe.Add(ref Unsafe.Add(ref column, lane), (nint)(uint)(node.Offset & TreeNode.FeatureMask)) <= node.Threshold ? 0 : 1);
    }

    /// <summary>Negative once node <paramref name="n"/> is a sink.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Word(ref KeyNode nodes, int n) => Unsafe.Add(ref nodes, n).Offset;

    /// <summary>
    /// The ensemble's sum for one row of <c>FeatureCount</c> floats. Exact when no node sends NaN left or the
    /// row has no NaN (a NaN compares false, so it goes right like ML.NET's); otherwise use <see cref="SumRowExact"/>.
    /// Walks the trees in lanes (<see cref="RowChain"/>), or tree group by tree group beyond its size.
    /// </summary>
    public double SumRow(ref float x)
    {
        var row = _row;
        if (row is null) return SumRowLockstep(ref x);
        Span<int> keys = stackalloc int[_featureCount];
        OrderKey.Of(MemoryMarshal.CreateReadOnlySpan(ref x, _featureCount), keys);
        Span<int> records = stackalloc int[row.Records];
        return row.Sum(ref MemoryMarshal.GetReference(keys), records);
    }

    /// <summary>
    /// <see cref="SumRow"/> tree group by tree group: eight trees walk in lockstep until all eight stand on sinks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal double SumRowLockstep(ref float x)
    {
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var values = ref MemoryMarshal.GetArrayDataReference(_values);
        var roots = _roots;
        double s = 0;
        var t = 0;
        for (; t + 8 <= roots.Length; t += 8)
        {
            int n0 = roots[t], n1 = roots[t + 1], n2 = roots[t + 2], n3 = roots[t + 3];
            int n4 = roots[t + 4], n5 = roots[t + 5], n6 = roots[t + 6], n7 = roots[t + 7];
            // Eight trees in lockstep until all eight stand on sinks (every feature word negative).
            while ((Word(ref nodes, n0) & Word(ref nodes, n1) & Word(ref nodes, n2) & Word(ref nodes, n3) &
                    Word(ref nodes, n4) & Word(ref nodes, n5) & Word(ref nodes, n6) & Word(ref nodes, n7)) >= 0)
            {
                n0 = Step(ref nodes, ref x, n0);
                n1 = Step(ref nodes, ref x, n1);
                n2 = Step(ref nodes, ref x, n2);
                n3 = Step(ref nodes, ref x, n3);
                n4 = Step(ref nodes, ref x, n4);
                n5 = Step(ref nodes, ref x, n5);
                n6 = Step(ref nodes, ref x, n6);
                n7 = Step(ref nodes, ref x, n7);
            }
            // Added one at a time, in tree order: double addition is not associative.
            s += Unsafe.Add(ref values, n0);
            s += Unsafe.Add(ref values, n1);
            s += Unsafe.Add(ref values, n2);
            s += Unsafe.Add(ref values, n3);
            s += Unsafe.Add(ref values, n4);
            s += Unsafe.Add(ref values, n5);
            s += Unsafe.Add(ref values, n6);
            s += Unsafe.Add(ref values, n7);
        }
        for (; t < roots.Length; t++)
        {
            var n = roots[t];
            while (Word(ref nodes, n) >= 0) n = Step(ref nodes, ref x, n);
            s += Unsafe.Add(ref values, n);
        }
        return s;
    }

    /// <summary>The ensemble's sum for one row, honouring each node's missing-value default for NaN features.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double SumRowExact(ReadOnlySpan<float> x)
    {
        double s = 0;
        for (var t = 0; t < _roots.Length; t++)
        {
            var n = _roots[t];
            while (_nodes[n].Feature >= 0)
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
    /// rows of a transposed block of <see cref="OrderKey"/>s (key of feature f of row r at f·BlockRows + r): through
    /// the chain when there is one, else tree by tree.
    /// </summary>
    public void AddBlock(ref int block, Span<double> acc)
    {
        if (_chain is not null) _chain.AddBlock(ref block, acc);
        else AddBlockLockstep(ref block, acc);
    }

    /// <summary>
    /// The per-tree walk of <see cref="AddBlock"/>: one tree at a time over the block keeps its nodes in L1; eight
    /// rows walk it in lockstep as independent dependency chains until all stand on sinks.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void AddBlockLockstep(ref int block, Span<double> acc)
    {
        if (acc.Length < BlockRows) throw new ArgumentException("Accumulator shorter than a block.", nameof(acc));
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_blockNodes);
        ref var values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref var a = ref MemoryMarshal.GetReference(acc);
        for (var t = 0; t < _roots.Length; t++)
        {
            var root = _roots[t];
            for (var r = 0; r < BlockRows; r += 8)
            {
                ref var column = ref Unsafe.Add(ref block, r);
                int n0 = root, n1 = root, n2 = root, n3 = root, n4 = root, n5 = root, n6 = root, n7 = root;
                // Eight rows in lockstep until all stand on sinks. The sink test re-reads the nodes' words (L1 hits)
                // rather than carrying them, so the sixteen values fit in registers.
                while ((Word(ref nodes, n0) & Word(ref nodes, n1) & Word(ref nodes, n2) & Word(ref nodes, n3) &
                        Word(ref nodes, n4) & Word(ref nodes, n5) & Word(ref nodes, n6) & Word(ref nodes, n7)) >= 0)
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
        internal int FeatureCount => featureCount;
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
