namespace KalshiPS.Sandbox;

/// <summary>
/// US Eastern time from UTC by the rules in force since 2007 (EDT from the second Sunday of March 02:00 EST to the
/// first Sunday of November 02:00 EDT), computed here so the Thursday window does not depend on the host's tz database.
/// </summary>
internal static class EasternTime
{
    public static DateTime FromUtc(DateTimeOffset utc)
    {
        var u = utc.UtcDateTime;
        int year = u.Year;
        var dstStart = NthSunday(year, 3, 2).AddHours(2 + 5);   // 02:00 EST = 07:00 UTC
        var dstEnd = NthSunday(year, 11, 1).AddHours(2 + 4);    // 02:00 EDT = 06:00 UTC
        var offset = u >= dstStart && u < dstEnd ? -4 : -5;
        return DateTime.SpecifyKind(u.AddHours(offset), DateTimeKind.Unspecified);
    }

    private static DateTime NthSunday(int year, int month, int n)
    {
        var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Utc);
        int toSunday = ((int)DayOfWeek.Sunday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(toSunday + 7 * (n - 1));
    }

    /// <summary>Kalshi's FIX maintenance window: Thursdays 03:00–05:00 ET, when sessions drop and sequence numbers reset.</summary>
    public static bool InThursdayMaintenance(DateTimeOffset utc)
    {
        var et = FromUtc(utc);
        return et.DayOfWeek == DayOfWeek.Thursday && et.Hour >= 3 && et.Hour < 5;
    }
}
