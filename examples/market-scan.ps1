<#
  Scans every open market, ranks them by spread and volume, and writes the scan to CSV.
  Uses Export-Csv, Sort-Object, Select-Object and Format-Table; the table formats its columns the way the module's
  views do (dollars with two places unless sub-penny, contracts without trailing zeros, UTC times with a Z).

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
    Format-Table Ticker, @{ Name = 'YesBid'; Expression = 'YesBid'; FormatString = '0.00##' },
        @{ Name = 'YesAsk'; Expression = 'YesAsk'; FormatString = '0.00##' }, @{ Name = 'Spread'; Expression = 'Spread'; FormatString = '0.00##' },
        @{ Name = 'Volume'; Expression = 'Volume'; FormatString = '0.##' }, @{ Name = 'CloseTime'; Expression = 'CloseTime'; FormatString = 'u' } -AutoSize
