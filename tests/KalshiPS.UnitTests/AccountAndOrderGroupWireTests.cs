using System.Text;
using System.Text.Json;
using KalshiPS.Models;
using KalshiPS.Wire;

namespace KalshiPS.UnitTests;

/// <summary>
/// The /account/* and /portfolio/order_groups* readers and the order_group_updates message, on JSON shaped as the
/// official SDK's models (kalshi-typescript 3.30.0) give them, with unknown fields added.
/// </summary>
public class AccountAndOrderGroupWireTests
{
    private static T Read<T>(string json, ReadValue<T> read)
    {
        var r = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        r.Read();
        return read(ref r);
    }

    [Fact]
    public void Limits_read_tier_buckets_and_grants_and_feed_the_session_budget()
    {
        const string json = """
            {"usage_tier":"premier","read":{"refill_rate":1000,"bucket_capacity":1000},"write":{"refill_rate":1000,"bucket_capacity":2000},
             "grants":[{"exchange_instance":"event_contract","level":"premier","source":"volume","expires_ts":1798675200,"extra":1},
                       {"exchange_instance":"event_contract","level":"advanced","source":"manual","expires_ts":null}],"new_field":{"x":[1]}}
            """;
        var l = Read(json, AccountWire.Limit);
        Assert.Equal("Premier", l.UsageTier);
        Assert.Equal(1000m, l.ReadRate);
        Assert.Equal(1000m, l.ReadCapacity);
        Assert.Equal(1000m, l.WriteRate);
        Assert.Equal(2000m, l.WriteCapacity);
        Assert.Equal(2, l.Grants.Count);
        Assert.Equal("Premier", l.Grants[0].Level);
        Assert.Equal("EventContract", l.Grants[0].ExchangeInstance);
        Assert.Equal("Volume", l.Grants[0].Source);
        Assert.Equal(new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc), l.Grants[0].ExpiresTime);
        Assert.Equal(DateTimeKind.Utc, l.Grants[0].ExpiresTime!.Value.Kind);
        Assert.Null(l.Grants[1].ExpiresTime); // permanent
        Assert.Equal("Premier; Advanced", l.Grants.ToString());

        var budget = Read(json, AccountWire.Limits)!;
        Assert.Equal("premier", budget.UsageTier);
        Assert.Equal(2000, budget.Write.Capacity);
    }

    [Fact]
    public void Older_limits_shape_gives_rates_without_capacities()
    {
        var l = Read("""{"usage_tier":"basic","read_limit":20,"write_limit":10}""", AccountWire.Limit);
        Assert.Equal(20m, l.ReadRate);
        Assert.Null(l.ReadCapacity);
        Assert.Equal(10m, l.WriteRate);
        Assert.Empty(l.Grants);
        var budget = AccountWire.Budgets(l)!;
        Assert.Equal(20, budget.Read.Capacity); // one second of budget
        Assert.Equal(20, budget.Write.Capacity); // two seconds of budget
    }

    [Fact]
    public void Endpoint_costs_fill_the_model_and_the_session_table_from_one_reader()
    {
        const string json = """{"default_cost":10,"endpoint_costs":[{"method":"DELETE","path":"/portfolio/events/orders/{order_id}","cost":2},{"method":"POST","path":"/account/api_usage_level/upgrade","cost":30,"note":"x"}]}""";
        var l = Read(json, (ref Utf8JsonReader r) => AccountWire.CostsInto(ref r, new KalshiAccountLimit()));
        Assert.Equal(10L, l.DefaultCost);
        Assert.Equal(new[] { "DELETE /portfolio/events/orders/{order_id} 2", "POST /account/api_usage_level/upgrade 30" }, l.EndpointCosts.Select(c => c.ToString()));
        var table = Read(json, AccountWire.Costs)!;
        Assert.Equal(30, table.Cost("POST", "/account/api_usage_level/upgrade"));
        Assert.Equal(2, table.Cost("DELETE", "/portfolio/events/orders/0f8fad5b-d9cb-469f-a165-70867728950e"));
        Assert.Equal(10, table.Cost("GET", "/portfolio/balance"));
    }

    [Fact]
    public void Volume_progress_reads_utc_time_exact_volumes_and_goals()
    {
        const string json = """
            {"volume_progress":[{"computed_ts":1764547200,"trailing_30d_volume_fp":"150000.50","extra":true,
              "goals":[{"level":"expert","earn_volume_goal_fp":"100000.00","keep_volume_goal_fp":"50000.00"},
                       {"level":"premier","earn_volume_goal_fp":"1000000.00","keep_volume_goal_fp":"500000.00"}]}]}
            """;
        var list = Read(json, (ref Utf8JsonReader r) => r.Field("volume_progress", AccountWire.VolumeProgress))!;
        var u = Assert.Single(list);
        Assert.Equal(new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc), u.ComputedTime);
        Assert.Equal(150000.50m, u.TrailingVolume);
        Assert.Equal("150000.50", u.TrailingVolume!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)); // scale kept
        Assert.Equal(new[] { "Expert", "Premier" }, u.Goals.Select(g => g.Level));
        Assert.Equal(1000000.00m, u.Goals[1].EarnVolume);
        Assert.Equal("Expert", u.EarnedLevel); // 150,000.50 earns Expert, not Premier
        using (new CultureScope("de-DE"))
            Assert.Equal("Expert 100000.00/50000.00", u.Goals[0].ToString());
    }

    [Fact]
    public void Order_group_list_single_and_create_answers_read_into_one_model()
    {
        var list = Read("""{"order_groups":[{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","contracts_limit_fp":"25.00","is_auto_cancel_enabled":true,"exchange_index":0,"later":"x"}]}""",
            OrderGroupWire.Groups);
        var g = Assert.Single(list);
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", g.OrderGroupId);
        Assert.Equal(25.00m, g.ContractsLimit);
        Assert.True(g.IsAutoCancelEnabled);
        Assert.Equal(0, g.ExchangeIndex);
        Assert.Null(g.OrderIds);

        Assert.Empty(Read("{}", OrderGroupWire.Groups));
        Assert.Empty(Read("""{"order_groups":null}""", OrderGroupWire.Groups));

        var one = Read("""{"is_auto_cancel_enabled":false,"contracts_limit_fp":"10.00","orders":["a1","b2"],"exchange_index":0}""", OrderGroupWire.Group);
        Assert.Null(one.OrderGroupId); // the single-group answer does not repeat the id
        Assert.Equal(new[] { "a1", "b2" }, one.OrderIds);
        Assert.False(one.IsAutoCancelEnabled);

        var created = Read("""{"order_group_id":"7d444840-9dc0-11d1-b245-5ffdce74fad2","subaccount":3,"exchange_index":0}""", OrderGroupWire.Group);
        Assert.Equal("7d444840-9dc0-11d1-b245-5ffdce74fad2", created.OrderGroupId);
        Assert.Equal(3, created.Subaccount);
        Assert.Null(created.ContractsLimit);

        // Only the legacy integer limit: still read; the fixed-point one wins when both are there.
        Assert.Equal(7m, Read("""{"id":"x","contracts_limit":7}""", OrderGroupWire.Group).ContractsLimit);
        Assert.Equal(8.00m, Read("""{"id":"x","contracts_limit":7,"contracts_limit_fp":"8.00"}""", OrderGroupWire.Group).ContractsLimit);
    }

    [Fact]
    public void Order_group_update_message_reads_event_limit_and_utc_time()
    {
        using var doc = JsonDocument.Parse("""{"event_type":"limit_updated","order_group_id":"0f8fad5b-d9cb-469f-a165-70867728950e","contracts_limit_fp":"40.00","ts_ms":1764547200123,"future":[]}""");
        var u = OrderGroupWire.Update(doc.RootElement);
        Assert.Equal("LimitUpdated", u.EventType);
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", u.OrderGroupId);
        Assert.Equal(40.00m, u.ContractsLimit);
        Assert.Equal(new DateTime(2025, 12, 1, 0, 0, 0, 123, DateTimeKind.Utc), u.Timestamp);

        using var triggered = JsonDocument.Parse("""{"event_type":"triggered","order_group_id":"g","ts_ms":1764547200000}""");
        var t = OrderGroupWire.Update(triggered.RootElement);
        Assert.Equal("Triggered", t.EventType);
        Assert.Null(t.ContractsLimit);
    }

    [Fact]
    public void Limit_body_sends_both_spellings_of_the_same_whole_limit()
    {
        using var doc = JsonDocument.Parse(OrderGroupWire.LimitBody(25m));
        Assert.Equal(25, doc.RootElement.GetProperty("contracts_limit").GetInt64());
        Assert.Equal("25.00", doc.RootElement.GetProperty("contracts_limit_fp").GetString());
        using (new CultureScope("de-DE"))
            Assert.Contains("\"1000000.00\"", OrderGroupWire.LimitBody(1_000_000m));
    }
}
