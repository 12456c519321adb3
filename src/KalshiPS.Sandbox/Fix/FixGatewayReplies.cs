using KalshiPS.Fix;

namespace KalshiPS.Sandbox;

/// <summary>The refusals the gateway's handlers send (typed records from Fix/Application).</summary>
internal static class FixGatewayReplies
{
    /// <summary>BusinessMessageReject (35=j) for an application message; reason 3 = unsupported message type, 0 = other.</summary>
    public static FixMessage BusinessReject(FixMessage m, int reason, string text)
    {
        m.TryGetInt(FixTags.MsgSeqNum, out var seq);
        return new FixBusinessMessageReject { RefSeqNum = seq, RefMsgType = m.MsgType, Reason = reason, Text = text }.ToMessage();
    }

    /// <summary>OrderCancelReject (35=9) for a cancel (F) or replace (G) that was not carried out.</summary>
    public static FixMessage CancelReject(FixMessage request, Order? o, bool forReplace, int reason, string text) =>
        new FixOrderCancelReject
        {
            ClOrdId = request.Get(FixAppTags.ClOrdID) ?? "NONE", OrigClOrdId = request.Get(FixAppTags.OrigClOrdID), OrderId = o?.OrderId,
            OrdStatus = o == null ? FixOrdStatus.Rejected : StatusOf(o), ForReplace = forReplace, Reason = reason, Text = text,
        }.ToMessage();

    public static FixOrdStatus StatusOf(Order o) => o.Status switch
    {
        OrderStatus.Canceled => FixOrdStatus.Canceled,
        OrderStatus.Executed => FixOrdStatus.Filled,
        _ => o.FillCount > 0 ? FixOrdStatus.PartiallyFilled : FixOrdStatus.New,
    };
}
