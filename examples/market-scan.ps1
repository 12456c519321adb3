<#
  Scans every open market, ranks them by spread and volume, and writes the scan to CSV.
  Uses Export-Csv, Sort-Object, Select-Object and Format-Table (pwsh). The sandbox runner's bare engine lacks
  those, so there it reports "needs pwsh"; tests/Pester/Examples.Tests.ps1 runs it on machines with pwsh.

  Against Kalshi: Connect-Kalshi -Environment Demo ... (market data needs no key at all).
#>
[CmdletBinding()]
param(
    [string] $Path = [IO.Path]::Combine([IO.Path]::GetTempPath(), 'kalshi-market-scan.csv'),
    [string] $SeriesTicker
)

Connect-Kalshi   # KALSHI_* environment variables; anonymous Production when none are set

$scan = Get-KalshiMarket -Status Open -SeriesTicker $SeriesTicker |
    Where-Object { $_.YesBid -gt 0 -and $_.YesAsk -lt 1 } |
    ForEach-Object {
        [pscustomobject]@{
            Ticker    = $_.Ticker
            Title     = $_.Title
            YesBid    = $_.YesBid
            YesAsk    = $_.YesAsk
            Spread    = $_.YesAsk - $_.YesBid
            Volume    = $_.Volume
            CloseTime = $_.CloseTime
        }
    }

$scan | Sort-Object Spread, Ticker | Export-Csv -Path $Path -NoTypeInformation
"Wrote $(@($scan).Count) markets to $Path"

# The ten busiest markets with a tight book.
$scan | Where-Object Spread -le 0.03 | Sort-Object Volume -Descending | Select-Object -First 10 |
    Format-Table Ticker, YesBid, YesAsk, Spread, Volume, CloseTime -AutoSize
