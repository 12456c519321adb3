<#
  A one-page portfolio report: cash, open positions, resting orders, the last day's fills and recent settlements.
  Needs KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH (and KALSHI_BASE_URI for demo/sandbox).
  Amounts are US dollars, summed as decimals (Measure-Object would sum in floating point) and shown with two places.
#>
[CmdletBinding()]
param(
    [int] $Days = 1,
    [string] $CsvFolder
)
$ErrorActionPreference = 'Stop'
Connect-Kalshi

# The sum of one property over some objects, 0 when there are none.
function Get-Total([object[]] $Items, [string] $Property) {
    $total = [decimal] 0
    foreach ($item in $Items) { if ($null -ne $item.$Property) { $total += $item.$Property } }
    $total
}
function Format-Usd([decimal] $Amount) { '$' + $Amount.ToString('#,0.00', [cultureinfo]::InvariantCulture) }

$balance   = Get-KalshiBalance
$positions = @(Get-KalshiPosition)
$orders    = @(Get-KalshiOrder -Status Resting)
$fills     = @(Get-KalshiFill -Since ([datetime]::UtcNow.AddDays(-$Days)))
$settled   = @(Get-KalshiSettlement -Since ([datetime]::UtcNow.AddDays(-30)))

'Cash available: {0}   Portfolio value: {1}' -f (Format-Usd $balance.Balance), (Format-Usd ([decimal] $balance.PortfolioValue))
'Exposure: {0}   Realized P&L: {1}   Fees: {2}' -f (Format-Usd (Get-Total $positions Exposure)),
    (Format-Usd (Get-Total $positions RealizedPnl)), (Format-Usd (Get-Total $positions FeesPaid))

"`nPositions: $($positions.Count)"
if ($positions) { $positions | Sort-Object Exposure -Descending | Format-Table }

$reserved = [decimal] 0
foreach ($order in $orders) { $reserved += $order.RemainingCount * $order.Price }
'Resting orders: {0} (reserved {1})' -f $orders.Count, (Format-Usd $reserved)
if ($orders) { $orders | Format-Table }

"Fills in the last $Days day(s): $($fills.Count)"
if ($fills) {
    $fills | Group-Object Ticker | ForEach-Object {
        [pscustomobject]@{ Ticker = $_.Name; Fills = $_.Count; Contracts = Get-Total $_.Group Count }
    } | Format-Table -AutoSize
}

'Settlements in the last 30 days: {0}, revenue {1}' -f $settled.Count, (Format-Usd (Get-Total $settled Revenue))

if ($CsvFolder) {
    New-Item -ItemType Directory -Force -Path $CsvFolder | Out-Null
    $positions | Export-Csv (Join-Path $CsvFolder 'positions.csv') -NoTypeInformation
    $orders    | Export-Csv (Join-Path $CsvFolder 'orders.csv') -NoTypeInformation
    $fills     | Export-Csv (Join-Path $CsvFolder 'fills.csv') -NoTypeInformation
    $settled   | Export-Csv (Join-Path $CsvFolder 'settlements.csv') -NoTypeInformation
}
