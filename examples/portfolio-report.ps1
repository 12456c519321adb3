<#
  A one-page portfolio report: cash, open positions, resting orders, the last day's fills and recent settlements.
  Needs KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH (and KALSHI_BASE_URI for demo/sandbox).
#>
[CmdletBinding()]
param(
    [int] $Days = 1,
    [string] $CsvFolder
)
$ErrorActionPreference = 'Stop'
Connect-Kalshi

$balance   = Get-KalshiBalance
$positions = @(Get-KalshiPosition)
$orders    = @(Get-KalshiOrder -Status Resting)
$fills     = @(Get-KalshiFill -Since ([datetime]::UtcNow.AddDays(-$Days)))
$settled   = @(Get-KalshiSettlement -Since ([datetime]::UtcNow.AddDays(-30)))

"Cash available: {0:C2}   Portfolio value: {1:C2}" -f $balance.Balance, $balance.PortfolioValue
"Exposure: {0:C2}   Realized P&L: {1:C2}   Fees: {2:C2}" -f `
    ($positions | Measure-Object Exposure -Sum).Sum, ($positions | Measure-Object RealizedPnl -Sum).Sum, ($positions | Measure-Object FeesPaid -Sum).Sum

"`nPositions"
$positions | Sort-Object Exposure -Descending | Format-Table Ticker, Side, Contracts, Exposure, RealizedPnl -AutoSize

"Resting orders: $($orders.Count) (reserved {0:C2})" -f ($orders | ForEach-Object { $_.RemainingCount * $_.Price } | Measure-Object -Sum).Sum
$orders | Format-Table Ticker, Action, Side, RemainingCount, Price, CreatedTime -AutoSize

"Fills in the last $Days day(s): $($fills.Count)"
$fills | Group-Object Ticker | ForEach-Object {
    [pscustomobject]@{ Ticker = $_.Name; Fills = $_.Count; Contracts = ($_.Group | Measure-Object Count -Sum).Sum }
} | Format-Table -AutoSize

"Settlements in the last 30 days: $($settled.Count), revenue {0:C2}" -f ($settled | Measure-Object Revenue -Sum).Sum

if ($CsvFolder) {
    New-Item -ItemType Directory -Force -Path $CsvFolder | Out-Null
    $positions | Export-Csv (Join-Path $CsvFolder 'positions.csv') -NoTypeInformation
    $orders    | Export-Csv (Join-Path $CsvFolder 'orders.csv') -NoTypeInformation
    $fills     | Export-Csv (Join-Path $CsvFolder 'fills.csv') -NoTypeInformation
    $settled   | Export-Csv (Join-Path $CsvFolder 'settlements.csv') -NoTypeInformation
}
