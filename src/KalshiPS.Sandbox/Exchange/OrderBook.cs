namespace KalshiPS.Sandbox;

/// <summary>
/// One market's book, stored as YES bids (keyed by YES price) and NO bids (keyed by NO price).
/// A V2 bid rests as a YES bid at p; a V2 ask rests as a NO bid at 1-p. Not thread safe: the Exchange lock guards it.
/// </summary>
internal sealed class OrderBook
{
    public SortedDictionary<decimal, LinkedList<Order>> YesBids { get; } = new();
    public SortedDictionary<decimal, LinkedList<Order>> NoBids { get; } = new();

    public SortedDictionary<decimal, LinkedList<Order>> SideOf(OrderSide s) => s == OrderSide.Bid ? YesBids : NoBids;
    public SortedDictionary<decimal, LinkedList<Order>> OppositeOf(OrderSide s) => s == OrderSide.Bid ? NoBids : YesBids;

    public void Add(Order o)
    {
        var side = SideOf(o.Side);
        if (!side.TryGetValue(o.SidePrice, out var level)) side[o.SidePrice] = level = new LinkedList<Order>();
        level.AddLast(o);
    }

    public bool Remove(Order o)
    {
        var side = SideOf(o.Side);
        if (!side.TryGetValue(o.SidePrice, out var level)) return false;
        bool removed = level.Remove(o);
        if (level.Count == 0) side.Remove(o.SidePrice);
        return removed;
    }

    public static decimal LevelSize(LinkedList<Order> level)
    {
        decimal sum = 0; foreach (var o in level) sum += o.RemainingCount; return sum;
    }

    /// <summary>Levels ascending by price (best last), as (price, size).</summary>
    public List<(decimal Price, decimal Size)> Levels(OrderSide side, int depth = 0)
    {
        var list = SideOf(side).Select(kv => (kv.Key, LevelSize(kv.Value))).ToList();
        if (depth > 0 && list.Count > depth) list = list.GetRange(list.Count - depth, depth);
        return list;
    }

    public (decimal Price, decimal Size)? Best(OrderSide side)
    {
        var d = SideOf(side);
        if (d.Count == 0) return null;
        var kv = d.Last();
        return (kv.Key, LevelSize(kv.Value));
    }
}

/// <summary>Public immutable view of a book for assertions: bids only, ascending, best last.</summary>
public sealed record BookSnapshot(string Ticker, IReadOnlyList<(decimal Price, decimal Size)> Yes, IReadOnlyList<(decimal Price, decimal Size)> No);
