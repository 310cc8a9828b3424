using System.Globalization;
using Platform3.Core.Configuration;

namespace Platform3.Trading.Risk;

/// <summary>Durations in config files, written as a number and a unit: 90s, 15m, 4h, 1d (or 0).</summary>
public static class ConfigDurations
{
    public static TimeSpan OptionalDuration(this ConfigNode node, string key, TimeSpan fallback, TimeSpan? min = null, TimeSpan? max = null)
    {
        ArgumentNullException.ThrowIfNull(node);
        var text = node.OptionalString(key);
        if (text is null) return fallback;
        if (!TryParse(text, out var value))
        {
            node.Error(key, $"expected a duration such as 30s, 15m, 4h or 1d, got '{text}'");
            return fallback;
        }
        if (min is { } lo && value < lo) { node.Error(key, $"{text} must be at least {Format(lo)}"); return fallback; }
        if (max is { } hi && value > hi) { node.Error(key, $"{text} must be at most {Format(hi)}"); return fallback; }
        return value;
    }

    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        text = text.Trim();
        if (text == "0") return true;
        if (text.Length < 2) return false;
        var unit = text[^1];
        if (!double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n < 0 || !double.IsFinite(n))
            return false;
        double seconds;
        switch (unit)
        {
            case 's': seconds = n; break;
            case 'm': seconds = n * 60; break;
            case 'h': seconds = n * 3600; break;
            case 'd': seconds = n * 86400; break;
            default: return false;
        }
        if (seconds > TimeSpan.MaxValue.TotalSeconds / 2) return false;
        value = TimeSpan.FromSeconds(seconds);
        return true;
    }

    public static string Format(TimeSpan t)
    {
        if (t == TimeSpan.Zero) return "0";
        if (t.Ticks % TimeSpan.TicksPerDay == 0) return $"{t.Ticks / TimeSpan.TicksPerDay}d";
        if (t.Ticks % TimeSpan.TicksPerHour == 0) return $"{t.Ticks / TimeSpan.TicksPerHour}h";
        if (t.Ticks % TimeSpan.TicksPerMinute == 0) return $"{t.Ticks / TimeSpan.TicksPerMinute}m";
        return t.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + "s";
    }
}
