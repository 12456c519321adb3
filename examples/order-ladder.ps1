<#
  Places a small ladder of Yes bids from a CSV file: a dry run first (-WhatIf), then for real; reads the positions
  back as flat rows and cancels the rungs that still rest.

  Offline with the sandbox:  dotnet run --project src/KalshiPS.Sandbox -- examples/order-ladder.ps1
  Against Kalshi, set KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH (KALSHI_ENVIRONMENT=Demo to practise).
#>
[CmdletBinding()]
param(
    [string] $LadderPath = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'kalshi-ladder.csv'),
    [string] $PositionsPath = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'kalshi-positions.csv')
)
$ErrorActionPreference = 'Stop'

Connect-Kalshi   # key id, key path and base URI from the KALSHI_* environment variables

$market = Get-KalshiMarket -Status Open -First 1
'Laddering into {0} (Yes bid {1:0.00##}, ask {2:0.00##})' -f $market.Ticker, $market.YesBid, $market.YesAsk

# A ladder of small bids well below the market; every column is text, exactly as Import-Csv gives it.
[IO.File]::WriteAllText($LadderPath, @"
Ticker,Side,Action,Count,Price,TimeInForce
$($market.Ticker),Yes,Buy,1,0.05,GoodTillCanceled
$($market.Ticker),Yes,Buy,2,0.04,GoodTillCanceled
$($market.Ticker),Yes,Buy,3,0.03,GoodTillCanceled
"@)

# 1. Dry run: validates every row (price grid, granularity) and shows what would be placed; sends no order.
Import-Csv -Path $LadderPath | New-KalshiOrder -WhatIf

# 2. For real: consecutive rows go through the batch endpoint; one result or one error per row, in order.
$results = @(Import-Csv -Path $LadderPath | New-KalshiOrder)
$results

# 3. Positions as flat rows (resting bids are not positions yet; fills would show here).
$positions = @(Get-KalshiPosition -IncludeClosed)
if (Get-Command Export-Csv -ErrorAction Ignore) {
    $positions | Export-Csv -Path $PositionsPath -NoTypeInformation
    "Positions written to $PositionsPath"
} else {
    $positions
}

# 4. Clean up the rungs that still rest (Remove-KalshiOrder asks first; -Confirm:$false is for scripts).
$results | Where-Object { $_.Status -eq 'Resting' } | Remove-KalshiOrder -Confirm:$false
"Canceled $(@($results | Where-Object { $_.Status -eq 'Resting' }).Count) resting rungs"
