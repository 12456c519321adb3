using System;
using System.Collections.Generic;
using System.Globalization;
using KalshiPS.Cmdlets;
using KalshiPS.Models;

namespace KalshiPS.Api
{
    /// <summary>
    /// An order in the user's words (Side, Action, Price of that side) and its V2 wire translation
    /// (kalshi-api.md §4.1): buy Yes p = bid p; sell Yes p = ask p; buy No q = ask 1-q; sell No q = bid 1-q.
    /// </summary>
    internal sealed class OrderSpec
    {
        public string Ticker { get; set; }
        public KalshiSide Side { get; set; }
        public KalshiAction Action { get; set; }
        public decimal Count { get; set; }
        /// <summary>Price of <see cref="Side"/> in dollars.</summary>
        public decimal Price { get; set; }
        public KalshiTimeInForce TimeInForce { get; set; } = KalshiTimeInForce.GoodTillCanceled;
        public DateTime? ExpirationTime { get; set; }
        public bool PostOnly { get; set; }
        public bool ReduceOnly { get; set; }
        public KalshiSelfTradePrevention SelfTradePrevention { get; set; } = KalshiSelfTradePrevention.TakerAtCross;
        public string ClientOrderId { get; set; }
        /// <summary>True when <see cref="ClientOrderId"/> was generated here (so any 409 for it means our own earlier attempt).</summary>
        public bool ClientOrderIdGenerated { get; set; }
        public string OrderGroupId { get; set; }
        public bool CancelOnPause { get; set; }
        /// <summary>The account to place it in: 0 primary, 1-63 a subaccount; null = Kalshi's default (primary).</summary>
        public int? Subaccount { get; set; }

        /// <summary>bid when buying Yes or selling No; ask otherwise.</summary>
        public string BookSide => (Side == KalshiSide.Yes) == (Action == KalshiAction.Buy) ? "bid" : "ask";

        /// <summary>The Yes price sent on the wire.</summary>
        public decimal YesPrice => Side == KalshiSide.Yes ? Price : 1m - Price;

        /// <summary>Fills in a client order id (a GUID) when none was given.</summary>
        public void EnsureClientOrderId()
        {
            if (!string.IsNullOrWhiteSpace(ClientOrderId)) return;
            ClientOrderId = Guid.NewGuid().ToString();
            ClientOrderIdGenerated = true;
        }

        /// <summary>"TICKER: Buy 10 Yes @ 0.45" — the -WhatIf/-Confirm target.</summary>
        public string Describe() => string.Format(CultureInfo.InvariantCulture, "{0}: {1} {2} {3} @ {4} ({5}){6}",
            Ticker, Action, UserNumber.ExactCount(Count), Side, OrderValidation.Num(Price), TimeInForce, Subaccount.HasValue ? ", subaccount " + Subaccount.Value : "");
    }

    /// <summary>Checks made before anything is sent. Each failure names the valid values; nothing is rounded.</summary>
    internal static class OrderValidation
    {
        /// <summary>A price or count as received: every digit, never rounded (a message must not contradict itself).</summary>
        internal static string Num(decimal d) => UserNumber.Exact(d);

        /// <summary>Checks that need no market data: ranges and the combinations Kalshi forbids.</summary>
        public static void CheckStatic(OrderSpec o, DateTime utcNow)
        {
            if (string.IsNullOrWhiteSpace(o.Ticker)) throw new OrderValidationException("Ticker is required.", "Ticker");
            if (o.Price <= 0m || o.Price >= 1m)
                throw new OrderValidationException(string.Format(CultureInfo.InvariantCulture,
                    "Price {0} is outside (0, 1): Kalshi prices are dollars per contract strictly between 0 and 1, e.g. 0.45.", Num(o.Price)), "Price");
            if (o.Count <= 0m)
                throw new OrderValidationException(string.Format(CultureInfo.InvariantCulture,
                    "Count {0} must be greater than 0.", Num(o.Count)), "Count");
            if (o.ReduceOnly && o.TimeInForce != KalshiTimeInForce.ImmediateOrCancel)
                throw new OrderValidationException($"-ReduceOnly requires -TimeInForce ImmediateOrCancel (got {o.TimeInForce}); Kalshi accepts reduce-only orders only as ImmediateOrCancel.", "ReduceOnly");
            if (o.PostOnly && o.TimeInForce != KalshiTimeInForce.GoodTillCanceled)
                throw new OrderValidationException($"-PostOnly cannot be combined with -TimeInForce {o.TimeInForce}; post-only orders must rest, so use GoodTillCanceled.", "PostOnly");
            if (o.ExpirationTime.HasValue)
            {
                if (o.TimeInForce != KalshiTimeInForce.GoodTillCanceled)
                    throw new OrderValidationException($"-ExpirationTime cannot be combined with -TimeInForce {o.TimeInForce}; only GoodTillCanceled orders can expire.", "ExpirationTime");
                if (ToUtc(o.ExpirationTime.Value) <= utcNow)
                    throw new OrderValidationException(string.Format(CultureInfo.InvariantCulture,
                        "-ExpirationTime {0:u} is not in the future (now {1:u}).", ToUtc(o.ExpirationTime.Value), utcNow), "ExpirationTime");
            }
        }

        /// <summary>
        /// The session's fat-finger guard (Connect-Kalshi -MaxOrderCount / -MaxOrderCost): an order larger than either
        /// limit is refused before anything is sent. Cost is what the order can cost you: count × price for a buy,
        /// count × (1 − price) for a sell (the collateral of the position it may open).
        /// </summary>
        public static void CheckLimits(KalshiAction action, decimal price, decimal count, OrderLimits limits, string countParameter = "Count")
        {
            if (count > limits.MaxCount)
                throw new OrderLimitException(string.Format(CultureInfo.InvariantCulture,
                    "Count {0} is above this session's limit of {1} contracts per order; nothing was sent. If you meant it, connect with a higher limit: Connect-Kalshi ... -MaxOrderCount {0}.",
                    UserNumber.ExactCount(count), UserNumber.ExactCount(limits.MaxCount)), countParameter);
            var cost = count * (action == KalshiAction.Buy ? price : 1m - price);
            if (cost > limits.MaxCost)
                throw new OrderLimitException(string.Format(CultureInfo.InvariantCulture,
                    "This order can cost ${0} ({1} contracts × ${2}), above this session's limit of ${3} per order; nothing was sent. If you meant it, connect with a higher limit: Connect-Kalshi ... -MaxOrderCost {4}.",
                    Num(cost), UserNumber.ExactCount(count), Num(action == KalshiAction.Buy ? price : 1m - price), Num(limits.MaxCost), Math.Ceiling(cost).ToString(CultureInfo.InvariantCulture)), countParameter);
        }

        /// <summary>Checks against the market: price on its grid and count on its granularity.</summary>
        public static void CheckMarket(OrderSpec o, MarketRules rules)
        {
            CheckPrice(o.Side, o.Price, rules, "Price");
            CheckCount(o.Count, rules, "Count");
        }

        /// <summary>The price of <paramref name="side"/> is valid when its Yes price is on the market's grid.</summary>
        public static void CheckPrice(KalshiSide side, decimal price, MarketRules rules, string paramName)
        {
            if (price <= 0m || price >= 1m)
                throw new OrderValidationException(string.Format(CultureInfo.InvariantCulture,
                    "Price {0} is outside (0, 1): Kalshi prices are dollars per contract strictly between 0 and 1, e.g. 0.45.", Num(price)), paramName);
            var yes = side == KalshiSide.Yes ? price : 1m - price;
            if (rules.Grid.Accepts(yes)) return;
            var (below, above) = rules.Grid.Neighbours(yes);
            var near = new List<decimal>();
            if (below.HasValue) near.Add(side == KalshiSide.Yes ? below.Value : 1m - below.Value);
            if (above.HasValue) near.Add(side == KalshiSide.Yes ? above.Value : 1m - above.Value);
            near.Sort();
            var nearest = near.Count == 0 ? "" : " Nearest valid prices: " + string.Join(" or ", near.ConvertAll(Num)) + ".";
            throw new OrderValidationException(string.Format(CultureInfo.InvariantCulture,
                "Price {0} is not on the price grid of {1} (ranges start-end:step {2}).{3} Prices are never rounded for you.",
                Num(price), rules.Ticker, rules.Grid, nearest), paramName);
        }

        public static void CheckCount(decimal count, MarketRules rules, string paramName)
        {
            if (count <= 0m)
                throw new OrderValidationException(string.Format(CultureInfo.InvariantCulture, "Count {0} must be greater than 0.", Num(count)), paramName);
            if (count % rules.CountStep != 0m)
                throw new OrderValidationException(rules.Fractional
                    ? string.Format(CultureInfo.InvariantCulture, "Count {0} is finer than {1} allows: use a multiple of 0.01 contracts.", Num(count), rules.Ticker)
                    : string.Format(CultureInfo.InvariantCulture, "Count {0} is not a whole number of contracts; {1} does not allow fractional contracts (valid: 1, 2, 3, ...).", Num(count), rules.Ticker),
                    paramName);
        }

        public static DateTime ToUtc(DateTime t) =>
            t.Kind == DateTimeKind.Utc ? t : (t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Local) : t).ToUniversalTime();
    }

    /// <summary>A session's per-order ceilings (Connect-Kalshi -MaxOrderCount, -MaxOrderCost).</summary>
    internal sealed class OrderLimits
    {
        /// <summary>Defaults: 10,000 contracts and $10,000 per order (Connect-Kalshi's help documents them).</summary>
        public const decimal DefaultMaxCount = 10000m;
        public const decimal DefaultMaxCost = 10000m;

        public OrderLimits(decimal maxCount, decimal maxCost) { MaxCount = maxCount; MaxCost = maxCost; }
        public decimal MaxCount { get; }
        public decimal MaxCost { get; }
    }
}
