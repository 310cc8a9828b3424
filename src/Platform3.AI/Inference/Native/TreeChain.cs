using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Platform3.AI.Inference.Native;

/// <summary>
/// A node of a <see cref="TreeChain"/>, 8 bytes: the threshold as an order key, the feature's column in a
/// transposed block (feature·<see cref="CompiledEnsemble.BlockRows"/>), and the distance to its left child
/// (the right child is the next slot). A step is next = n + Delta + (x &gt; Key ? 1 : 0).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct ChainNode
{
    public int Key;
    public ushort Column;
    public short Delta;
}

/// <summary>
/// An ensemble flattened into one walk: every leaf of tree t is fused with the root of tree t + 1 (it carries
/// the leaf's value and tests what that root tests), so a row walks all trees as a single chain of steps and
/// never stops between trees. Each step adds the current node's value (0 on internal nodes: adding +0.0 to a
/// sum that starts at +0.0 changes nothing, not even the sign of zero), so a row's sum is its leaves' values
/// added in tree order from 0, exactly ML.NET's arithmetic. The last trees' leaves lead to an end node that
/// loops on itself with value 0.
///
/// Why: the per-tree lockstep of eight rows waited for the deepest of the eight in every tree (6.85 steps for
/// a 3.9-node mean path on the benchmark model) and ended each tree with a mispredicted branch. Here eight
/// rows walk the whole chain in lockstep and only the end waits: the slack is the spread of eight sums of
/// path lengths over all trees, a few percent. Node indices only grow along a walk, so "every row of the eight
/// has reached node B" is the check for having finished the trees before B; the walk runs group by group of
/// trees (about 16 KiB of nodes and values) over the whole block so a group stays in L1.
/// </summary>
internal sealed class TreeChain
{
    /// <summary>Chain nodes per group (16 bytes each with its value), to keep a group's working set in L1.</summary>
    private const int GroupNodes = 1024;
    private const int Lanes = 8;

    private readonly ChainNode[] _nodes;
    private readonly double[] _values;
    /// <summary>The first node of each group's successor; the last is the end node.</summary>
    private readonly int[] _groupEnds;

    public int End => _nodes.Length - 1;

    private TreeChain(ChainNode[] nodes, double[] values, int[] groupEnds)
    {
        _nodes = nodes; _values = values; _groupEnds = groupEnds;
    }

    /// <summary>
    /// Builds the chain from the breadth-first layout of <see cref="CompiledEnsemble"/> (tree t's nodes from
    /// roots[t] up to roots[t + 1]; its root first, each node's children adjacent). Null when the ensemble does
    /// not fit the 8-byte node (a feature beyond the 16-bit column, or a jump beyond 16 bits).
    /// </summary>
    public static TreeChain? TryBuild(TreeNode[] layout, double[] values, int[] roots, int featureCount)
    {
        if (((long)featureCount << 6) > ushort.MaxValue + 1L) return null;
        var trees = roots.Length;
        // dropped[t]: roots of trees 1..t that are not materialised (a split root lives on in the previous tree's leaves).
        var dropped = new int[trees + 1];
        for (var t = 1; t < trees; t++) dropped[t] = dropped[t - 1] + (layout[roots[t]].Feature >= 0 ? 1 : 0);
        var count = layout.Length - (trees > 0 ? dropped[trees - 1] : 0) + 1;
        var end = count - 1;
        var nodes = new ChainNode[count];
        var chainValues = new double[count];
        int TreeEnd(int t) => t + 1 < trees ? roots[t + 1] : layout.Length;
        int Map(int t, int i) => i - dropped[t];

        // What a node standing for "the root of tree t" tests, and where its left outcome goes.
        (int Key, int Feature, int Left) RootOf(int t)
        {
            if (t == trees) return (int.MinValue, 0, end - 1); // always right, to the end
            var r = roots[t];
            var root = layout[r];
            return root.Feature >= 0
                ? (OrderKey.OfThreshold(root.Threshold), root.Feature, Map(t, root.Left))
                : (int.MinValue, 0, Map(t, r) - 1); // a constant tree: always right, onto its single node
        }

        bool Set(int index, (int Key, int Feature, int Left) test, double value)
        {
            var delta = test.Left - index;
            if (delta is < short.MinValue or > short.MaxValue) return false;
            nodes[index] = new ChainNode { Key = test.Key, Column = (ushort)(test.Feature << 6), Delta = (short)delta };
            chainValues[index] = value;
            return true;
        }

        var groupEnds = new List<int>();
        var groupStart = 0;
        for (var t = 0; t < trees; t++)
        {
            for (var i = roots[t]; i < TreeEnd(t); i++)
            {
                var node = layout[i];
                if (t > 0 && i == roots[t] && node.Feature >= 0) continue; // the dropped root
                var at = Map(t, i);
                var ok = node.Feature >= 0
                    ? Set(at, (OrderKey.OfThreshold(node.Threshold), node.Feature, Map(t, node.Left)), 0.0)
                    : Set(at, RootOf(t + 1), values[i]);
                if (!ok) return null;
            }
            var next = t + 1 < trees ? roots[t + 1] - dropped[t] : end;
            if (next - groupStart >= GroupNodes && next < end)
            {
                groupEnds.Add(next);
                groupStart = next;
            }
        }
        if (!Set(end, (int.MinValue, 0, end - 1), 0.0)) return null;
        groupEnds.Add(end);
        return new TreeChain(nodes, chainValues, groupEnds.ToArray());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Next(ref ChainNode nodes, ref int column, nint n, int lane)
    {
        ref var node = ref Unsafe.Add(ref nodes, n);
        return n + node.Delta + (Unsafe.Add(ref Unsafe.Add(ref column, lane), (nint)node.Column) > node.Key ? 1 : 0);
    }

    /// <summary>
    /// Adds each row's tree outputs, in tree order, to <paramref name="acc"/>[r] for the
    /// <see cref="CompiledEnsemble.BlockRows"/> rows of a transposed block of order keys.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AddBlock(ref int block, Span<double> acc)
    {
        const int rows = CompiledEnsemble.BlockRows;
        if (acc.Length < rows) throw new ArgumentException("Accumulator shorter than a block.", nameof(acc));
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var values = ref MemoryMarshal.GetArrayDataReference(_values);
        ref var a = ref MemoryMarshal.GetReference(acc);
        Span<int> at = stackalloc int[rows];
        at.Clear();
        ref var p = ref MemoryMarshal.GetReference(at);
        foreach (nint bound in _groupEnds)
        {
            for (var r = 0; r < rows; r += Lanes)
            {
                ref var column = ref Unsafe.Add(ref block, r);
                ref var pr = ref Unsafe.Add(ref p, r);
                ref var ar = ref Unsafe.Add(ref a, r);
                nint n0 = pr, n1 = Unsafe.Add(ref pr, 1), n2 = Unsafe.Add(ref pr, 2), n3 = Unsafe.Add(ref pr, 3);
                nint n4 = Unsafe.Add(ref pr, 4), n5 = Unsafe.Add(ref pr, 5), n6 = Unsafe.Add(ref pr, 6), n7 = Unsafe.Add(ref pr, 7);
                double s0 = ar, s1 = Unsafe.Add(ref ar, 1), s2 = Unsafe.Add(ref ar, 2), s3 = Unsafe.Add(ref ar, 3);
                double s4 = Unsafe.Add(ref ar, 4), s5 = Unsafe.Add(ref ar, 5), s6 = Unsafe.Add(ref ar, 6), s7 = Unsafe.Add(ref ar, 7);
                // Two steps per check until all eight have reached the bound. Indices only grow; rows ahead of the
                // bound simply walk on, and rows on the end node stay there adding 0.
                do
                {
                    for (var i = 0; i < 2; i++)
                    {
                        s0 += Unsafe.Add(ref values, n0); n0 = Next(ref nodes, ref column, n0, 0);
                        s1 += Unsafe.Add(ref values, n1); n1 = Next(ref nodes, ref column, n1, 1);
                        s2 += Unsafe.Add(ref values, n2); n2 = Next(ref nodes, ref column, n2, 2);
                        s3 += Unsafe.Add(ref values, n3); n3 = Next(ref nodes, ref column, n3, 3);
                        s4 += Unsafe.Add(ref values, n4); n4 = Next(ref nodes, ref column, n4, 4);
                        s5 += Unsafe.Add(ref values, n5); n5 = Next(ref nodes, ref column, n5, 5);
                        s6 += Unsafe.Add(ref values, n6); n6 = Next(ref nodes, ref column, n6, 6);
                        s7 += Unsafe.Add(ref values, n7); n7 = Next(ref nodes, ref column, n7, 7);
                    }
                } while (((n0 - bound) | (n1 - bound) | (n2 - bound) | (n3 - bound) | (n4 - bound) | (n5 - bound) | (n6 - bound) | (n7 - bound)) < 0);
                pr = (int)n0; Unsafe.Add(ref pr, 1) = (int)n1; Unsafe.Add(ref pr, 2) = (int)n2; Unsafe.Add(ref pr, 3) = (int)n3;
                Unsafe.Add(ref pr, 4) = (int)n4; Unsafe.Add(ref pr, 5) = (int)n5; Unsafe.Add(ref pr, 6) = (int)n6; Unsafe.Add(ref pr, 7) = (int)n7;
                ar = s0; Unsafe.Add(ref ar, 1) = s1; Unsafe.Add(ref ar, 2) = s2; Unsafe.Add(ref ar, 3) = s3;
                Unsafe.Add(ref ar, 4) = s4; Unsafe.Add(ref ar, 5) = s5; Unsafe.Add(ref ar, 6) = s6; Unsafe.Add(ref ar, 7) = s7;
            }
        }
    }
}
