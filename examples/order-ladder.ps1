#requires -Version 7
<#
  Places a small ladder of Yes bids from a CSV file: a dry run first (-WhatIf), then for real, then exports the
  resulting positions. Needs KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH (and KALSHI_BASE_URI for demo/sandbox).
#>
[CmdletBinding()]
param(
    [string] $LadderPath = (Join-Path $PSScriptRoot 'ladder.csv'),
    [string] $PositionsPath = (Join-Path $PSScriptRoot 'positions.csv')
)
$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '..' 'KalshiPS.psd1')

Connect-Kalshi   # key id, key path and base URI from the KALSHI_* environment variables

$market = Get-KalshiMarket -Status Open -First 1
if (-not $market) { throw 'No open market found.' }
Write-Verbose "Laddering into $($market.Ticker)"

# A ladder of small bids well below the market; every column is text, as Import-Csv gives it.
@"
Ticker,Side,Action,Count,Price,TimeInForce
$($market.Ticker),Yes,Buy,1,0.05,GoodTillCanceled
$($market.Ticker),Yes,Buy,2,0.04,GoodTillCanceled
$($market.Ticker),Yes,Buy,3,0.03,GoodTillCanceled
"@ | Set-Content -Path $LadderPath

# 1. Dry run: validates every row (price grid, granularity) and shows what would be placed; sends no order.
Import-Csv $LadderPath | New-KalshiOrder -WhatIf

# 2. For real: rows go through the batch endpoint; one result or one error per row, in order.
$results = Import-Csv $LadderPath | New-KalshiOrder -ErrorAction Continue
$results | Format-Table Ticker, Action, Count, Side, Price, Status, OrderId

# 3. Positions as flat rows.
Get-KalshiPosition | Export-Csv -Path $PositionsPath -NoTypeInformation
Write-Output "Positions written to $PositionsPath"

# Clean up the resting rungs (ConfirmImpact High: -Confirm:$false to skip the prompt).
$results | Where-Object Status -eq 'Resting' | Remove-KalshiOrder -Confirm:$false
