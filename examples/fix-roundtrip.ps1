# An order's life over Kalshi's FIX gateway: connect, place, amend, cancel, read it back from the drop copy, disconnect.
# Run it offline with the sandbox, whose FIX gateway speaks Kalshi's order entry and drop copy:
#   dotnet run --project src/KalshiPS.Sandbox -- examples/fix-roundtrip.ps1
# (the runner sets KALSHI_FIX_HOST, the KALSHI_FIX_*_PORT variables and the sandbox certificate's path and pin.)
# Against Kalshi: FIX needs Premier tier or above (institutional@kalshi.com); set KALSHI_API_KEY_ID and
# KALSHI_PRIVATE_KEY_PATH, and pass -CertificatePin with the hash Kalshi gives you, or set KALSHI_FIX_CERTIFICATE_SHA256.
param([string] $Ticker)

Connect-Kalshi                                   # REST: reads the KALSHI_* environment variables
$started = [datetime]::UtcNow
$fix = Connect-KalshiFix -SessionType OrderEntry -PassThru
'Logged on to {0} at {1}:{2}' -f $fix.TargetCompId, $fix.HostName, $fix.Port

if (-not $Ticker) { $Ticker = (Get-KalshiMarket -Status Open -First 1).Ticker }

try {
    # A cheap bid that will rest: one NewOrderSingle, answered by an ExecutionReport.
    $order = New-KalshiOrder -Ticker $Ticker -Side Yes -Action Buy -Count 2 -Price 0.03 -Via Fix
    'Placed {0}: {1} {2} {3} @ {4:0.00} ({5})' -f $order.ClientOrderId, $order.Action, $order.Count, $order.Side, $order.Price, $order.Status

    # Amend it: OrderCancelReplaceRequest (new price and total count).
    $amended = Set-KalshiOrder -OrderId $order.OrderId -Price 0.04 -Count 3 -Via Fix -PassThru
    'Amended: {0} left @ {1:0.00}' -f $amended.RemainingCount, $amended.Price

    # REST sees the very same order.
    $rest = Get-KalshiOrder -OrderId $order.OrderId
    'REST shows order {0} ({1}) as {2}, {3:0.##} left @ {4:0.00}' -f $rest.OrderId, $rest.ClientOrderId, $rest.Status, $rest.RemainingCount, $rest.Price

    # Cancel it: OrderCancelRequest.
    $canceled = Remove-KalshiOrder -OrderId $order.OrderId -Via Fix -PassThru -Confirm:$false
    'Canceled {0} ({1} contracts stopped resting)' -f $canceled.OrderId, $canceled.ReducedBy

    # The drop copy resends the order's reports (Kalshi keeps the last 3 hours).
    'Execution reports since {0:HH:mm:ss}Z from the drop copy:' -f $started
    Get-KalshiDropCopy -Since $started |
        Where-Object OrderId -eq $order.OrderId |
        Format-Table
}
finally {
    Disconnect-KalshiFix
    'Logged out.'
}
