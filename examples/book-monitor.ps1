# KalshiPS book monitor: streams two order books and your fills, printing one line per change.
# The local books heal themselves: a dropped connection, a sequence gap or a server-side overflow is resynced from a
# fresh snapshot (with a warning for reconnects), so the printed books stay identical to the exchange's.
#
# Offline with the sandbox (which can drop connections and skip sequence numbers on purpose):
#   dotnet run --project src/KalshiPS.Sandbox -- examples/book-monitor.ps1
#sandbox: --traders --ws-drop-every 60 --ws-skip-seq-every 11
# (the line above makes the sandbox runner start background traders and inject drops and sequence gaps)
# Against Kalshi, set KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH (and KALSHI_ENVIRONMENT=Demo to practise).
param(
    [TimeSpan] $Duration = '00:00:05',
    [string[]] $Ticker
)

Connect-Kalshi            # reads the KALSHI_* environment variables

if (-not $Ticker) {
    # Two open markets that have something on both sides of the book.
    $Ticker = @(Get-KalshiMarket -Status Open |
        Where-Object { $_.YesBid -gt 0 -and $_.YesAsk -lt 1 } |
        ForEach-Object Ticker)[0..1]
}

"Watching $($Ticker -join ' and ') for $Duration"

# Best bid/ask per change, at most four times a second per market (a slow terminal gets the latest book, not a backlog).
Watch-KalshiOrderbook -Ticker $Ticker -Duration $Duration -Interval 0.25 | ForEach-Object {
    '{0:HH:mm:ss.fff}Z {1,-28} seq {2,5}  bid {3:0.00##} x {4,-8:0.##} ask {5:0.00##} x {6,-8:0.##}' -f `
        $_.Timestamp, $_.Ticker, $_.Sequence, $_.BestYesBid, $_.BestYesBidSize, $_.BestYesAsk, $_.BestYesAskSize
}

# Your fills in those markets: each exactly once, including fills made while the connection was down.
Watch-KalshiFill -Ticker $Ticker -Duration 2 | ForEach-Object {
    'FILL {0:HH:mm:ss}Z {1} {2} {3} x{4:0.##} @ {5:0.00##}' -f $_.CreatedTime, $_.Ticker, $_.Action, $_.Side, $_.Count, $_.Price
}

# What the exchange says now, for comparison with the last streamed lines.
Get-KalshiOrderbook -Ticker $Ticker | ForEach-Object {
    'REST {0,-28}            bid {1:0.00##} x {2,-8:0.##} ask {3:0.00##} x {4,-8:0.##}' -f $_.Ticker, $_.BestYesBid, $_.BestYesBidSize, $_.BestYesAsk, $_.BestYesAskSize
}
