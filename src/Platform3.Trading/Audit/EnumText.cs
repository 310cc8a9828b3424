using System.Collections.Frozen;

namespace Platform3.Trading.Audit;

/// <summary>
/// An enum value's name in lower or upper case, computed once per value: the audit JSON writes these on every
/// decision, and <c>ToString().ToLowerInvariant()</c> cost two allocations and a reflection lookup each time.
/// Values outside the declared members fall back to the same computation, so the text never differs.
/// </summary>
internal static class EnumText<T> where T : struct, Enum
{
    private static readonly FrozenDictionary<T, string> LowerNames = Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => v.ToString().ToLowerInvariant());
    private static readonly FrozenDictionary<T, string> UpperNames = Enum.GetValues<T>().Distinct().ToFrozenDictionary(v => v, v => v.ToString().ToUpperInvariant());

    public static string Lower(T value) => LowerNames.TryGetValue(value, out var s) ? s : value.ToString().ToLowerInvariant();

    public static string Upper(T value) => UpperNames.TryGetValue(value, out var s) ? s : value.ToString().ToUpperInvariant();
}
