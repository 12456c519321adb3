using KalshiPS.Fix;

namespace KalshiPS.UnitTests;

public class FixMaintenanceWindowTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi = 0) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    [Theory]
    // Thursday 2026-12-03, EST (UTC-5): the window is 08:00–10:00 UTC.
    [InlineData(2026, 12, 3, 7, 59, false)]
    [InlineData(2026, 12, 3, 8, 0, true)]
    [InlineData(2026, 12, 3, 9, 59, true)]
    [InlineData(2026, 12, 3, 10, 0, false)]
    // Thursday 2026-07-02, EDT (UTC-4): 07:00–09:00 UTC.
    [InlineData(2026, 7, 2, 7, 30, true)]
    [InlineData(2026, 7, 2, 9, 0, false)]
    // Wednesday at the same UTC hours: never.
    [InlineData(2026, 12, 2, 8, 30, false)]
    public void The_window_is_Thursday_03_to_05_Eastern_in_winter_and_summer(int y, int mo, int d, int h, int mi, bool inside)
    {
        Assert.Equal(inside, FixMaintenanceWindow.Contains(Utc(y, mo, d, h, mi)));
    }

    [Fact]
    public void A_reset_is_due_only_when_a_window_began_since_the_last_activity()
    {
        var wednesday = Utc(2026, 12, 2, 12);
        Assert.False(FixMaintenanceWindow.ResetDue(wednesday, Utc(2026, 12, 3, 7, 59)));
        Assert.True(FixMaintenanceWindow.ResetDue(wednesday, Utc(2026, 12, 3, 8, 0)));
        Assert.True(FixMaintenanceWindow.ResetDue(wednesday, Utc(2026, 12, 9, 12)));
        Assert.False(FixMaintenanceWindow.ResetDue(Utc(2026, 12, 3, 10, 30), Utc(2026, 12, 9, 12)));
        Assert.Equal(Utc(2026, 12, 3, 8), FixMaintenanceWindow.LastStart(Utc(2026, 12, 9, 12)));
        Assert.Equal(Utc(2026, 12, 3, 10), FixMaintenanceWindow.EndOf(FixMaintenanceWindow.LastStart(Utc(2026, 12, 3, 9))));
    }
}
