namespace Platform3.Core.Calendar;

/// <summary>The four FX centres. Flags, because sessions overlap (London/New York is the busiest).</summary>
[Flags]
public enum TradingSession : byte
{
    None = 0,
    Sydney = 1,
    Tokyo = 2,
    London = 4,
    NewYork = 8,
}

/// <summary>A session's local opening hours in its own city, so each follows its city's DST.</summary>
public sealed record SessionHours(TradingSession Session, string ZoneId, TimeSpan OpenLocal, TimeSpan CloseLocal)
{
    /// <summary>Conventional hours: Sydney 07–16, Tokyo 09–18, London 08–17, New York 08–17, each in local time.</summary>
    public static IReadOnlyList<SessionHours> Defaults { get; } =
    [
        new(TradingSession.Sydney, "Australia/Sydney", TimeSpan.FromHours(7), TimeSpan.FromHours(16)),
        new(TradingSession.Tokyo, "Asia/Tokyo", TimeSpan.FromHours(9), TimeSpan.FromHours(18)),
        new(TradingSession.London, "Europe/London", TimeSpan.FromHours(8), TimeSpan.FromHours(17)),
        new(TradingSession.NewYork, "America/New_York", TimeSpan.FromHours(8), TimeSpan.FromHours(17)),
    ];
}
