using System.Text;

namespace Platform3.AI.Features;

/// <summary>Column names from specs: "macd(12,26,9).hist" becomes "macd_12_26_9_hist".</summary>
public static class FeatureNames
{
    public static string FromSpec(string spec)
    {
        var sb = new StringBuilder(spec.Length);
        foreach (var ch in spec.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(ch)) sb.Append(ch);
            else if (sb.Length > 0 && sb[^1] != '_') sb.Append('_');
        }
        return sb.ToString().TrimEnd('_');
    }
}
