using System.Text;
using System.Text.Json;
using KalshiPS.Api;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.UnitTests;

/// <summary>Subaccount shapes from Kalshi's spec to the output types, and the request bodies the module sends.</summary>
public class SubaccountWireTests
{
    private static T Read<T>(string json, ReadValue<T> read)
    {
        var r = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        r.Read();
        return read(ref r);
    }

    [Fact]
    public void Balances_read_dollar_strings_exactly_and_skip_unknown_fields()
    {
        var rows = Read("""{"subaccount_balances":[{"subaccount_number":0,"exchange_index":0,"balance":"1234.5600","updated_ts":1764633600,"new":{"x":[1]}},{"subaccount_number":7,"exchange_index":1,"balance":"0.000100","updated_ts":1764633601}]}""",
            (ref Utf8JsonReader r) => r.Field("subaccount_balances", SubaccountWire.Balance));
        Assert.Equal(2, rows.Count);
        Assert.Equal(1234.5600m, rows[0].Balance);
        Assert.Equal("1234.5600", rows[0].Balance!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); // scale kept
        Assert.Equal(7, rows[1].Subaccount);
        Assert.Equal(1, rows[1].ExchangeIndex);
        Assert.Equal(0.0001m, rows[1].Balance);
        Assert.Equal(new DateTime(2025, 12, 2, 0, 0, 1, DateTimeKind.Utc), rows[1].UpdatedTime);
    }

    [Fact]
    public void Transfers_turn_amount_cents_into_dollars()
    {
        var t = Read("""{"transfer_id":"tr-1","from_subaccount":0,"to_subaccount":3,"amount_cents":1234,"created_ts":1764633600,"exchange_index":0}""", SubaccountWire.Transfer);
        Assert.Equal("tr-1", t.TransferId);
        Assert.Equal("Subaccount", t.Kind);
        Assert.Equal(0, t.FromSubaccount);
        Assert.Equal(3, t.ToSubaccount);
        Assert.Equal(12.34m, t.Amount);
        Assert.Equal(0, t.FromExchangeIndex);
    }

    [Fact]
    public void Instance_transfers_name_instances_in_the_module_vocabulary()
    {
        var t = Read("""{"transfer":{"transfer_id":"x","source":"event_contract","destination":"margined","source_exchange_shard":0,"destination_exchange_shard":2,"amount":"5.123400","status":"pending","created_ts":1764633600}}""",
            (ref Utf8JsonReader r) => r.Wrapped("transfer", SubaccountWire.InstanceTransfer));
        Assert.Equal("EventContract", t.FromInstance);
        Assert.Equal("Margined", t.ToInstance);
        Assert.Equal(2, t.ToExchangeIndex);
        Assert.Equal(5.1234m, t.Amount);
        Assert.Equal("Pending", t.Status);
    }

    [Fact]
    public void Netting_allocation_and_create_answers()
    {
        var n = Read("""{"netting_configs":[{"subaccount_number":2,"enabled":false,"exchange_index":0}]}""", (ref Utf8JsonReader r) => r.Field("netting_configs", SubaccountWire.Netting));
        Assert.False(Assert.Single(n).Enabled);
        var a = Read("""{"allocations":[{"exchange_index":0,"percent":60},{"exchange_index":1,"percent":40}],"resting_margin_reservation":"max"}""", SubaccountWire.Allocations);
        Assert.Equal(new[] { 60m, 40m }, a.Select(x => x.Percent));
        Assert.All(a, x => Assert.Equal("Max", x.RestingMarginReservation));
        Assert.Equal((5, (string?)null), Read("""{"subaccount_number":5}""", SubaccountWire.Created));
        Assert.Equal(((int?)null, "t-9"), Read("""{"transfer_id":"t-9"}""", SubaccountWire.Created));
    }

    [Theory]
    [InlineData("""{"subaccount_number":3}""", 3)]
    [InlineData("""{"subaccount":3}""", 3)]
    [InlineData("""{"subaccount_number":null}""", null)]
    [InlineData("""{"subaccount_number":64}""", null)]   // not an account Kalshi can have: unknown, not 64
    [InlineData("""{"subaccount_number":"2"}""", 2)]
    public void Orders_and_fills_carry_the_account_they_came_from(string json, int? expected)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(expected, PortfolioWire.Order(doc.RootElement).Subaccount);
        Assert.Equal(expected, PortfolioWire.Fill(doc.RootElement).Subaccount);
        Assert.Equal(expected, PortfolioWire.Position(doc.RootElement).Subaccount);
    }

    [Fact]
    public void Request_bodies_name_every_field_as_the_spec_does()
    {
        Assert.Equal("""{"client_transfer_id":"c-1","from_subaccount":0,"to_subaccount":2,"amount_cents":1234}""", SubaccountWire.TransferBody("c-1", 0, 2, 1234, null));
        Assert.Equal("""{"subaccount_number":1,"enabled":false}""", SubaccountWire.NettingBody(1, false));
        Assert.Equal("""{"source":"event_contract","destination":"margined","amount":12345,"destination_exchange_shard":1}""",
            SubaccountWire.InstanceTransferBody(KalshiExchangeInstance.EventContract, KalshiExchangeInstance.Margined, 12345, null, 1, null, null));
        Assert.Equal("""{"allocations":[{"exchange_index":0,"percent":60},{"exchange_index":1,"percent":40.5}],"resting_margin_reservation":"max"}""",
            SubaccountWire.AllocationBody(new[] { new KeyValuePair<int, decimal>(0, 60m), new KeyValuePair<int, decimal>(1, 40.5m) }, KalshiMarginReservation.Max));
        Assert.Equal("""{"allocations":[]}""", SubaccountWire.AllocationBody(Array.Empty<KeyValuePair<int, decimal>>(), null));
    }

    [Fact]
    public void Order_writes_carry_the_subaccount_only_when_given()
    {
        var spec = new OrderSpec { Ticker = "T-1", Side = KalshiSide.Yes, Action = KalshiAction.Buy, Count = 1, Price = 0.02m, ClientOrderId = "c" };
        Assert.DoesNotContain("subaccount", OrderRequestWire.Create(spec));
        spec.Subaccount = 4;
        Assert.EndsWith(""","subaccount":4}""", OrderRequestWire.Create(spec));
        Assert.Equal("""{"orders":[{"order_id":"a","market_ticker":"T","subaccount":2}]}""",
            OrderRequestWire.CancelBatch(new[] { new KeyValuePair<string, string>("a", "T") }, 2));
        Assert.Equal(4, OrderRequestWire.CreateResult(JsonDocument.Parse("""{"order_id":"x","fill_count":"0.00","remaining_count":"1.00"}""").RootElement, spec).Subaccount);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(63, true)]
    [InlineData(64, false)]
    [InlineData(-1, false)]
    public void Subaccount_numbers_are_0_to_63(int n, bool valid) => Assert.Equal(valid, SubaccountNumber.IsValid(n));
}
