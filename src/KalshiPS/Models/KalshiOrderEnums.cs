namespace KalshiPS.Models
{
    /// <summary>The outcome a user trades: Yes or No.</summary>
    public enum KalshiSide { Yes, No }

    /// <summary>Buy or sell contracts of a side.</summary>
    public enum KalshiAction { Buy, Sell }

    /// <summary>How long an order may rest: until canceled, fill what crosses now, or all-or-nothing now.</summary>
    public enum KalshiTimeInForce { GoodTillCanceled, ImmediateOrCancel, FillOrKill }

    /// <summary>When an order would trade against your own: cancel the incoming order (TakerAtCross) or the resting one (Maker).</summary>
    public enum KalshiSelfTradePrevention { TakerAtCross, Maker }

    /// <summary>Kalshi's order states.</summary>
    public enum KalshiOrderStatus { Resting, Canceled, Executed }
}
