using System.Runtime.InteropServices;

namespace Platform3.AI.Inference.Native;

/// <summary>
/// One node of a compiled tree, 16 bytes so four share a cache line. The walk goes to <see cref="Left"/> when
/// x[Feature] ≤ Threshold (float compare, as ML.NET does) and to <see cref="Right"/> otherwise, so a NaN goes
/// right. Left and Right are adjacent: the walk indexes them with the comparison's outcome instead of
/// branching. A leaf is a sink whose two children are itself, so walking past it is harmless.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct TreeNode
{
    public int Feature;
    public float Threshold;
    public int Left;
    public int Right;
}
