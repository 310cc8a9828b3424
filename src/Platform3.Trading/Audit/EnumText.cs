using System.Collections.Frozen;
using System.Runtime.CompilerServices;

namespace Platform3.Trading.Audit;

/// <summary>
/// An enum value's name in lower or upper case, computed once per value: the audit JSON writes these on every
/// decision, and <c>ToString().ToLowerInvariant()</c> cost two allocations and a reflection lookup each time.
/// Values outside the declared members fall back to the same computation, so the text never differs. Declared values
/// of a one- or four-byte enum from 0 to 63 (all the audit's enums) are found by indexing an array with the value
/// rather than through the dictionary.
/// </summary>
internal static class EnumText<T> where T : struct, Enum
{
    private const int Indexed = 64;
    private static readonly FrozenDictionary<T, string> LowerNames = Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => v.ToString().ToLowerInvariant());
    private static readonly FrozenDictionary<T, string> UpperNames = Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => v.ToString().ToUpperInvariant());
    private static readonly string?[] LowerByIndex = ByIndex(LowerNames);
    private static readonly string?[] UpperByIndex = ByIndex(UpperNames);

    public static string Lower(T value)
    {
        var i = Index(value);
        if ((uint)i < (uint)LowerByIndex.Length && LowerByIndex[i] is { } s) return s;
        return LowerNames.TryGetValue(value, out var named) ? named : value.ToString().ToLowerInvariant();
    }

    public static string Upper(T value)
    {
        var i = Index(value);
        if ((uint)i < (uint)UpperByIndex.Length && UpperByIndex[i] is { } s) return s;
        return UpperNames.TryGetValue(value, out var named) ? named : value.ToString().ToUpperInvariant();
    }

    /// <summary>The value's bits as an index (one- and four-byte enums; −1 for other sizes, which always take the dictionary).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Index(T value) =>
        Unsafe.SizeOf<T>() == 4 ? Unsafe.As<T, int>(ref value) : Unsafe.SizeOf<T>() == 1 ? Unsafe.As<T, byte>(ref value) : -1;

    private static string?[] ByIndex(FrozenDictionary<T, string> names)
    {
        var byIndex = new string?[Indexed];
        foreach (var (value, name) in names)
            if ((uint)Index(value) < Indexed) byIndex[Index(value)] = name;
        return byIndex;
    }
}
