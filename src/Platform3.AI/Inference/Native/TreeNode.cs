using System.Runtime.InteropServices;

namespace Platform3.AI.Inference.Native;

/// <summary>
/// One node of a compiled tree, 16 bytes so four share a cache line. The walk goes to <see cref="Left"/> when
/// x[Feature] ≤ Threshold (float compare, as ML.NET does) and to <see cref="Right"/> = Left + 1 otherwise, so
/// a NaN goes right; the next index is Left plus the comparison's outcome, with no branch and no second load.
/// A leaf is a sink: <see cref="Feature"/> carries <see cref="SinkFlag"/>, the threshold is NaN (the compare
/// is always false) and Left is its own index − 1, so stepping from a sink stays on it.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TreeNode
{
    /// <summary>Set in <see cref="Feature"/> on sinks; masked off before indexing the row.</summary>
    public const int SinkFlag = int.MinValue;
    public const int FeatureMask = int.MaxValue;

    public int Feature;
    public float Threshold;
    public int Left;
    public int Right;
}
