# An RFQ from start to finish: ask for quotes, take the best one, see the position it made.
# Run it offline with the sandbox:  dotnet run --project src/KalshiPS.Sandbox -- examples/rfq-roundtrip.ps1
# (the sandbox's house desk quotes every RFQ and confirms at once; on Kalshi, market makers answer in their own time).

Connect-Kalshi            # reads the KALSHI_* environment variables

$market = Get-KalshiMarket -Status Open -First 1
$rfq = New-KalshiRfq -Ticker $market.Ticker -Contracts 10
'Asked for quotes on 10 contracts of {0} (RFQ {1})' -f $rfq.Ticker, $rfq.RfqId

# Quotes come in on the RFQ; Watch-KalshiRfq streams them as they arrive.
$quotes = @($rfq | Get-KalshiQuote -Status Open)
if ($quotes.Count -eq 0) { 'No quotes yet; try Get-KalshiQuote -RfqId {0} later.' -f $rfq.RfqId; return }
$quotes | Format-Table

# Taking a quote's No bid buys Yes at 1 - NoBid: the highest No bid is the cheapest Yes.
$best = $quotes | Sort-Object NoBid -Descending | Select-Object -First 1
$done = $best | Approve-KalshiQuote -Side No -PassThru
'Quote {0} is {1}: Yes at {2:0.00##}' -f $done.QuoteId, $done.Status, (1 - $done.NoBid)

Get-KalshiPosition -Ticker $market.Ticker | Format-Table
