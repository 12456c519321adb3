# KalshiPS quick start: connect, check the exchange, list markets, read an order book.
# Run it offline with the sandbox:  dotnet run --project src/KalshiPS.Sandbox -- examples/quickstart.ps1
# Against Kalshi, set KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH (and KALSHI_ENVIRONMENT=Demo to practise).

Connect-Kalshi            # reads the KALSHI_* environment variables

Get-KalshiExchangeStatus

# The first five open markets, streamed page by page from the API.
$markets = Get-KalshiMarket -Status Open -First 5
$markets

# Kalshi sends bids only; the book derives the asks, best prices and the spread.
$book = Get-KalshiOrderbook -Ticker $markets[0].Ticker -Depth 5
'{0}: best Yes bid {1:0.00##} / ask {2:0.00##}, spread {3:0.00##}' -f $book.Ticker, $book.BestYesBid, $book.BestYesAsk, $book.Spread
