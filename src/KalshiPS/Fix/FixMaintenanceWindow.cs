using System;

namespace KalshiPS.Fix
{
    /// <summary>
    /// Kalshi's weekly FIX maintenance (connectivity page): sessions may be dropped Thursdays 03:00–05:00 ET, and
    /// everyone must log on again with sequence numbers reset. Both ends use this: the sandbox to log sessions out and
    /// refuse logons in the window, the client to reset a retransmitting session's numbers after one has passed.
    /// </summary>
    internal static class FixMaintenanceWindow
    {
        private static readonly TimeSpan Start = TimeSpan.FromHours(3);
        private static readonly TimeSpan Length = TimeSpan.FromHours(2);
        private static readonly Lazy<TimeZoneInfo> Eastern = new Lazy<TimeZoneInfo>(FindEastern);

        /// <summary>True while <paramref name="utc"/> is inside a Thursday 03:00–05:00 ET window.</summary>
        public static bool Contains(DateTimeOffset utc)
        {
            var start = LastStart(utc);
            return utc < start + Length;
        }

        /// <summary>The start (UTC) of the latest window that began at or before <paramref name="utc"/>.</summary>
        public static DateTimeOffset LastStart(DateTimeOffset utc)
        {
            var et = TimeZoneInfo.ConvertTime(utc, Eastern.Value);
            var daysBack = ((int)et.DayOfWeek - (int)DayOfWeek.Thursday + 7) % 7;
            var thursday = et.Date.AddDays(-daysBack);
            var start = StartOn(thursday);
            if (start > utc) start = StartOn(thursday.AddDays(-7));
            return start;
        }

        /// <summary>The end (UTC) of the window that began at <see cref="LastStart"/>.</summary>
        public static DateTimeOffset EndOf(DateTimeOffset windowStart) => windowStart + Length;

        /// <summary>A window began after <paramref name="lastActivityUtc"/> and by <paramref name="nowUtc"/>: the sequence numbers must restart.</summary>
        public static bool ResetDue(DateTimeOffset lastActivityUtc, DateTimeOffset nowUtc) => LastStart(nowUtc) > lastActivityUtc;

        // 03:00 ET on that date, as UTC (the offset is the one in force at that hour: EST or EDT).
        private static DateTimeOffset StartOn(DateTime easternDate)
        {
            var local = DateTime.SpecifyKind(easternDate.Date + Start, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, Eastern.Value.GetUtcOffset(local)).ToUniversalTime();
        }

        // IANA id on Linux/macOS and .NET 6+; the Windows id on .NET Framework (Windows PowerShell 5.1).
        private static TimeZoneInfo FindEastern()
        {
            foreach (var id in new[] { "America/New_York", "Eastern Standard Time" })
            {
                try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
                catch (TimeZoneNotFoundException) { }
                catch (InvalidTimeZoneException) { }
            }
            // No tz database: US Eastern rules by hand would be a guess; standard time (UTC−5) errs by an hour in summer.
            return TimeZoneInfo.CreateCustomTimeZone("ET-fallback", TimeSpan.FromHours(-5), "Eastern (fixed UTC-5)", "Eastern (fixed UTC-5)");
        }
    }
}
