using System.Globalization;

namespace Platform3.Trading.Risk;

/// <summary>
/// Fixed-point numbers in the reasons and notes of decisions and risk assessments ("0.62", "3.01"). The format
/// strings are made once: building "F" + digits per number cost two allocations on every decision.
/// </summary>
internal static class ReasonNumber
{
    private static readonly string[] Formats = Enumerable.Range(0, 7).Select(d => "F" + d.ToString(CultureInfo.InvariantCulture)).ToArray();

    public static string Format(double value, int decimals = 2) =>
        value.ToString((uint)decimals < (uint)Formats.Length ? Formats[decimals] : "F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
