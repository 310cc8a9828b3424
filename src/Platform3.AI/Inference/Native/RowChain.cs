using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Platform3.AI.Inference.Native;

/// <summary>
/// A node of a <see cref="RowChain"/>, 12 bytes: the walk goes to this index + <see cref="Delta"/> when
/// key(x[<see cref="Feature"/>]) ≤ <see cref="Threshold"/>, the threshold's <see cref="OrderKey.OfThreshold"/>, and to
/// the slot after it otherwise. On order keys that is ML.NET's float compare x ≤ threshold exactly (a NaN goes right; a
/// NaN threshold always goes right), but an integer compare: a cycle on each step's dependent chain instead of a float
/// compare's three. Leaving the node, the walk writes the node's index into record <see cref="Slot"/> (its tree's index
/// on a tree's leaf, a scratch record elsewhere).
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct RowNode
{
    public int Threshold;
    public ushort Feature;
    public short Delta;
    public int Slot;
}

/// <summary>
/// The single-row walk: the trees cut into seven lanes of consecutive trees, each lane one chain in which every
/// leaf of a tree is fused with the root of the lane's next tree (it is the tree's leaf and tests what that root
/// tests), so a lane walks its trees without stopping between them. The seven lanes step in lockstep without
/// branches until all of them stand on their end nodes, which loop on themselves.
///
/// Why: the per-tree lockstep (eight trees at a time) waits in every group for the deepest of the eight and then
/// pays a mispredicted exit; here only the end waits, for the lane with the longest sum of paths, and the fused
/// roots save a step per tree.
///
/// Why seven: a row's lanes end at different steps (their paths vary from row to row), and every lane pays every step
/// until the longest is done; on a 50-tree, 15-leaf model a row's paths add up to about 150 steps while eight lanes
/// ran about 32 steps each (250 lane-steps). Fewer, longer lanes vary less relative to their length and free
/// registers; seven scored a row in 395-414 ns against eight's 431-445 (six: 404-428), alternated runs of
/// ai-predict-row.
///
/// Each tree's leaf is recorded in that tree's record and the leaves' values are added in tree order from 0, so
/// the sum is ML.NET's to the bit, as the per-tree walk's is.
/// </summary>
internal sealed class RowChain
{
    public const int Lanes = 7;
    /// <summary>Beyond this many trees a row's records no longer go on the stack: the per-tree walk scores.</summary>
    public const int MaxTrees = 2048;
    /// <summary>Below this many trees (a lane or two each) the per-tree lockstep is as fast.</summary>
    public const int MinTrees = 16;

    private readonly RowNode[] _nodes;
    private readonly double[] _values;
    private readonly int[] _starts;
    private readonly int[] _ends;

    public int Trees { get; }

    /// <summary>Records a row needs: one per tree, and the scratch record.</summary>
    public int Records => Trees + 1;

    private RowChain(RowNode[] nodes, double[] values, int[] starts, int[] ends, int trees)
    {
        _nodes = nodes; _values = values; _starts = starts; _ends = ends; Trees = trees;
    }

    /// <summary>
    /// Builds the lanes from <see cref="CompiledEnsemble"/>'s breadth-first layout (tree t's nodes from roots[t] up to
    /// roots[t + 1]: its root first, each internal node's children adjacent, leaves marked by a negative feature word).
    /// Null outside [<see cref="MinTrees"/>, <see cref="MaxTrees"/>], or when a feature or a jump does not fit the node.
    /// </summary>
    public static RowChain? TryBuild(TreeNode[] layout, double[] values, int[] roots, int featureCount)
    {
        var trees = roots.Length;
        if (trees is < MinTrees or > MaxTrees || featureCount > ushort.MaxValue + 1) return null;
        int TreeEnd(int t) => t + 1 < trees ? roots[t + 1] : layout.Length;
        // A lane's trees after its first lose their root when it splits: the previous tree's leaves test it instead.
        bool Dropped(int lane0, int t, int i) => t > lane0 && i == roots[t] && layout[i].Feature >= 0;
        var map = new int[layout.Length];
        var starts = new int[Lanes];
        var ends = new int[Lanes];
        var bounds = new int[Lanes + 1];
        for (var lane = 0; lane <= Lanes; lane++) bounds[lane] = (int)((long)trees * lane / Lanes);
        var count = 0;
        for (var lane = 0; lane < Lanes; lane++)
        {
            for (var t = bounds[lane]; t < bounds[lane + 1]; t++)
                for (var i = roots[t]; i < TreeEnd(t); i++)
                    if (!Dropped(bounds[lane], t, i)) map[i] = count++;
            ends[lane] = count++;
            starts[lane] = bounds[lane] < bounds[lane + 1] ? map[roots[bounds[lane]]] : ends[lane];
        }
        var nodes = new RowNode[count];
        var chainValues = new double[count];
        for (var lane = 0; lane < Lanes; lane++)
        {
            int first = bounds[lane], last = bounds[lane + 1], end = ends[lane];
            // What a node standing for "the root of tree t" tests and where its left outcome goes (the lane's end after its last tree).
            (float Threshold, int Feature, int Left) Entry(int t)
            {
                if (t == last) return (float.NaN, 0, end - 1);
                var r = roots[t];
                var root = layout[r];
                return root.Feature >= 0 ? (root.Threshold, root.Feature, map[root.Left]) : (float.NaN, 0, map[r] - 1);
            }
            bool Set(int at, (float Threshold, int Feature, int Left) test, int slot, double value)
            {
                var delta = test.Left - at;
                if (delta is < short.MinValue or > short.MaxValue) return false;
                nodes[at] = new RowNode { Threshold = OrderKey.OfThreshold(test.Threshold), Feature = (ushort)test.Feature, Delta = (short)delta, Slot = slot };
                chainValues[at] = value;
                return true;
            }
            for (var t = first; t < last; t++)
                for (var i = roots[t]; i < TreeEnd(t); i++)
                {
                    if (Dropped(first, t, i)) continue;
                    var node = layout[i];
                    var ok = node.Feature >= 0
                        ? Set(map[i], (node.Threshold, node.Feature, map[node.Left]), trees, 0.0)
                        : Set(map[i], Entry(t + 1), t, values[i]);
                    if (!ok) return null;
                }
            if (!Set(end, (float.NaN, 0, end - 1), trees, 0.0)) return null;
        }
        return new RowChain(nodes, chainValues, starts, ends, trees);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static nint Step(ref RowNode nodes, ref int records, ref int x, nint n)
    {
        ref var node = ref Unsafe.Add(ref nodes, n);
        Unsafe.Add(ref records, node.Slot) = (int)n;
        return n + node.Delta + (Unsafe.Add(ref x, node.Feature) <= node.Threshold ? 0 : 1);
    }

    /// <summary>
    /// The ensemble's sum for one row given as the <see cref="OrderKey"/>s of its floats (<see cref="OrderKey.Of(ReadOnlySpan{float}, Span{int})"/>;
    /// same rules as <see cref="CompiledEnsemble.SumRow"/>: a NaN goes right); <paramref name="records"/> holds at least
    /// <see cref="Records"/> slots.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Sum(ref int x, Span<int> records)
    {
        if (records.Length < Records) throw new ArgumentException($"Need {Records} records.", nameof(records));
        ref var nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref var rec = ref MemoryMarshal.GetReference(records);
        var s = _starts;
        var e = _ends;
        nint n0 = s[0], n1 = s[1], n2 = s[2], n3 = s[3], n4 = s[4], n5 = s[5], n6 = s[6];
        // Four steps per check (fewer checks; a lane on its end node stays there, recording into the scratch record).
        while (((n0 ^ e[0]) | (n1 ^ e[1]) | (n2 ^ e[2]) | (n3 ^ e[3]) | (n4 ^ e[4]) | (n5 ^ e[5]) | (n6 ^ e[6])) != 0)
        {
            for (var i = 0; i < 4; i++)
            {
                n0 = Step(ref nodes, ref rec, ref x, n0);
                n1 = Step(ref nodes, ref rec, ref x, n1);
                n2 = Step(ref nodes, ref rec, ref x, n2);
                n3 = Step(ref nodes, ref rec, ref x, n3);
                n4 = Step(ref nodes, ref rec, ref x, n4);
                n5 = Step(ref nodes, ref rec, ref x, n5);
                n6 = Step(ref nodes, ref rec, ref x, n6);
            }
        }
        // In tree order from 0, one at a time: double addition is not associative.
        ref var values = ref MemoryMarshal.GetArrayDataReference(_values);
        double sum = 0;
        for (var t = 0; t < Trees; t++) sum += Unsafe.Add(ref values, Unsafe.Add(ref rec, t));
        return sum;
    }
}
