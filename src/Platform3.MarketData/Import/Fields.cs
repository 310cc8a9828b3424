namespace Platform3.MarketData.Import;

/// <summary>Splits a line into at most <see cref="Max"/> field ranges on one delimiter byte, without allocating.</summary>
internal static class Fields
{
    public const int Max = 32;

    /// <summary>Number of fields (more than <paramref name="ranges"/> can hold is reported as ranges.Length + 1).</summary>
    public static int Split(ReadOnlySpan<byte> line, byte delimiter, Span<Range> ranges)
    {
        var count = 0;
        var start = 0;
        while (true)
        {
            var idx = line[start..].IndexOf(delimiter);
            if (count == ranges.Length) return ranges.Length + 1;
            if (idx < 0)
            {
                ranges[count++] = new Range(start, line.Length);
                return count;
            }
            ranges[count++] = new Range(start, start + idx);
            start += idx + 1;
        }
    }
}
