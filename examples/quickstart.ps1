# KalshiPS quick start: connect, check the exchange, list markets, read an order book.
# Run it offline with the sandbox:  dotnet run --project src/KalshiPS.Sandbox -- examples/quickstart.ps1
# Against Kalshi, set KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH (and KALSHI_ENVIRONMENT=Demo to practise).

Connect-Kalshi            # reads the KALSHI_* environment variables

$status = Get-KalshiExchangeStatus
'Exchange active: {0}, trading active: {1}' -f $status.ExchangeActive, $status.TradingActive

# The first five open markets, streamed page by page from the API. Format-Table shows the module's table view
# (ticker, prices, title); $markets[0] | Format-List * shows every property of one market.
$markets = Get-KalshiMarket -Status Open -First 5
$markets | Format-Table

# Kalshi sends bids only; the book derives the asks, best prices and the spread.
$book = Get-KalshiOrderbook -Ticker $markets[0].Ticker -Depth 5
'{0}: best Yes bid {1:0.00##} / ask {2:0.00##}, spread {3:0.00##}' -f $book.Ticker, $book.BestYesBid, $book.BestYesAsk, $book.Spread
