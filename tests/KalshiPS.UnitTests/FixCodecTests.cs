using System.Text;
using KalshiPS.Fix;

namespace KalshiPS.UnitTests;

public class FixCodecTests
{
    private static byte[] Wire(string piped) => Encoding.ASCII.GetBytes(piped.Replace('|', '\u0001'));
    private static string Piped(byte[] bytes) => Encoding.ASCII.GetString(bytes).Replace('\u0001', '|');

    // The classic published example: BodyLength 65, CheckSum 062.
    private const string Known = "8=FIX.4.2|9=65|35=A|49=SERVER|56=CLIENT|34=177|52=20090107-18:15:16|98=0|108=30|10=062|";

    private static FixMessage KnownMessage() => new FixMessage(FixMsgTypes.Logon, "FIX.4.2")
        .Add(49, "SERVER").Add(56, "CLIENT").Add(34, 177).Add(52, "20090107-18:15:16").Add(98, 0).Add(108, 30);

    [Fact]
    public void Encoder_computes_the_published_body_length_and_checksum()
    {
        Assert.Equal(Known, Piped(FixEncoding.Encode(KnownMessage())));
    }

    [Fact]
    public void Decoder_reads_the_published_message_back_field_by_field_in_order()
    {
        var r = new FixFrameReader();
        var bytes = Wire(Known);
        r.Append(bytes, 0, bytes.Length);
        var m = r.TryRead()!;
        Assert.Equal("FIX.4.2", m.BeginString);
        Assert.Equal("A", m.MsgType);
        Assert.Equal(new[] { 35, 49, 56, 34, 52, 98, 108 }, m.Fields.Select(f => f.Tag));
        Assert.Equal("177", m.Get(34));
        Assert.Null(r.TryRead());
        Assert.Equal(0, r.Buffered);
        Assert.Equal(Known, Piped(FixEncoding.Encode(m)));
    }

    [Fact]
    public void Repeating_groups_keep_their_entries_in_order_through_a_round_trip()
    {
        var m = new FixMessage("W").Add(55, "KXTEST-1").Add(268, 3)
            .Add(269, "0").Add(270, "0.4500").Add(271, 10)
            .Add(269, "1").Add(270, "0.5500")
            .Add(269, "0").Add(270, "0.4400").Add(271, 7)
            .Add(58, "after the group");
        var r = new FixFrameReader();
        var bytes = FixEncoding.Encode(m);
        r.Append(bytes, 0, bytes.Length);
        var back = r.TryRead()!;
        var groups = back.Groups(268, 269, 270, 271);
        Assert.Equal(3, groups.Count);
        Assert.Equal(new[] { "0.4500", "0.5500", "0.4400" }, groups.Select(g => g.Single(f => f.Tag == 270).Value));
        Assert.Equal(2, groups[1].Count);
        Assert.Equal("after the group", back.Get(58));
        Assert.Equal(m.Fields.Select(f => (f.Tag, f.Value)), back.Fields.Select(f => (f.Tag, f.Value)));
    }

    [Fact]
    public void Data_fields_get_their_length_and_may_hold_soh()
    {
        var m = new FixMessage(FixMsgTypes.Logon).Add(34, 1).Add(96, "ab\u0001cd").Add(108, 30);
        var bytes = FixEncoding.Encode(m);
        Assert.Contains("|95=5|96=ab|cd|108=30|", Piped(bytes));
        var r = new FixFrameReader();
        r.Append(bytes, 0, bytes.Length);
        var back = r.TryRead()!;
        Assert.Equal("ab\u0001cd", back.Get(96));
        Assert.Equal("30", back.Get(108));
    }

    [Fact]
    public void Framing_handles_one_byte_reads_and_several_messages_in_one_read()
    {
        var a = FixEncoding.Encode(new FixMessage("0").Add(34, 1));
        var b = FixEncoding.Encode(new FixMessage("1").Add(34, 2).Add(112, "T1"));
        var c = FixEncoding.Encode(new FixMessage("0").Add(34, 3).Add(112, "T1"));
        var all = a.Concat(b).Concat(c).ToArray();

        var r = new FixFrameReader();
        var got = new List<FixMessage>();
        foreach (var x in all)
        {
            r.Append(new[] { x }, 0, 1);
            while (r.TryRead() is { } m) got.Add(m);
        }
        Assert.Equal(new[] { "1", "2", "3" }, got.Select(m => m.Get(34)));

        var r2 = new FixFrameReader();
        r2.Append(all, 0, all.Length);
        Assert.Equal("0", r2.TryRead()!.MsgType);
        Assert.Equal("1", r2.TryRead()!.MsgType);
        Assert.Equal("T1", r2.TryRead()!.Get(112));
        Assert.Null(r2.TryRead());
    }

    [Fact]
    public async Task ReadAsync_reads_messages_split_across_stream_reads_and_returns_null_at_the_end()
    {
        var bytes = FixEncoding.Encode(new FixMessage("0").Add(34, 9)).Concat(FixEncoding.Encode(new FixMessage("0").Add(34, 10))).ToArray();
        using var s = new TrickleStream(bytes, 3);
        var r = new FixFrameReader();
        Assert.Equal("9", (await r.ReadAsync(s, CancellationToken.None))!.Get(34));
        Assert.Equal("10", (await r.ReadAsync(s, CancellationToken.None))!.Get(34));
        Assert.Null(await r.ReadAsync(s, CancellationToken.None));
    }

    [Fact]
    public async Task A_stream_that_ends_mid_message_is_an_error_not_a_clean_end()
    {
        var bytes = FixEncoding.Encode(new FixMessage("0").Add(34, 9));
        using var s = new TrickleStream(bytes.Take(bytes.Length - 3).ToArray(), 100);
        await Assert.ThrowsAsync<IOException>(() => new FixFrameReader().ReadAsync(s, CancellationToken.None));
    }

    [Theory]
    [InlineData("8=FIX.4.2|9=64|35=A|49=SERVER|56=CLIENT|34=177|52=20090107-18:15:16|98=0|108=30|10=062|", "BadBodyLength")]
    [InlineData("8=FIX.4.2|9=66|35=A|49=SERVER|56=CLIENT|34=177|52=20090107-18:15:16|98=0|108=30|10=062|x", "BadBodyLength")]
    [InlineData("8=FIX.4.2|9=6x|35=A|49=SERVER|56=CLIENT|34=177|52=20090107-18:15:16|98=0|108=30|10=062|", "BadBodyLength")]
    [InlineData("8=FIX.4.2|9=65|35=A|49=SERVER|56=CLIENT|34=177|52=20090107-18:15:16|98=0|108=30|10=063|", "BadCheckSum")]
    [InlineData("8=FIX.4.2|9=65|35=A|49=SERVER|56=CLIENT|34=177|52=20090107-18:15:16|98=0|108=31|10=062|", "BadCheckSum")]
    [InlineData("9=65|35=A|49=SERVER|56=CLIENT|34=177|52=20090107-18:15:16|98=0|108=30|10=062|", "MissingBeginString")]
    [InlineData("8=FIX.4.2|35=A|49=SERVER|56=CLIENT|34=177|52=20090107-18:15:16|98=0|108=30|10=062|", "MissingBodyLength")]
    public void Frame_errors_are_named(string piped, string error)
    {
        var r = new FixFrameReader();
        var bytes = Wire(piped);
        r.Append(bytes, 0, bytes.Length);
        var e = Assert.Throws<FixFormatException>(() => r.TryRead());
        Assert.Equal(Enum.Parse<FixFormatError>(error), e.Error);
        Assert.True(e.IsFrameError);
    }

    [Theory]
    [InlineData("49=A|35=0|34=5|", "MissingMsgType")]
    [InlineData("35=0|34=5|4x9=A|", "GarbledField")]
    [InlineData("35=0|34=5|=A|", "GarbledField")]
    [InlineData("35=0|34=5|049=A|", "GarbledField")]
    [InlineData("35=0|34=5|49A|", "GarbledField")]
    [InlineData("35=0|34=5|58=|", "InvalidValue")]
    [InlineData("35=A|34=5|95=9|96=short|", "GarbledField")]
    public void Message_errors_in_a_good_frame_carry_the_sequence_number_for_a_reject(string body, string error)
    {
        var bytes = Frame(body);
        var r = new FixFrameReader();
        r.Append(bytes, 0, bytes.Length);
        var e = Assert.Throws<FixFormatException>(() => r.TryRead());
        Assert.Equal(Enum.Parse<FixFormatError>(error), e.Error);
        Assert.False(e.IsFrameError);
        Assert.Equal(5, e.RefSeqNum);
        Assert.Equal(0, r.Buffered); // the frame is consumed: the next message reads normally
    }

    [Fact]
    public void After_a_garbled_frame_the_next_good_message_is_still_read()
    {
        var good = FixEncoding.Encode(new FixMessage("0").Add(34, 7));
        var bad = Wire("8=FIXT.1.1|9=5|35=0|34=6|10=000|");
        var junk = Encoding.ASCII.GetBytes("garbage");
        var all = junk.Concat(bad).Concat(good).ToArray();
        var r = new FixFrameReader();
        r.Append(all, 0, all.Length);
        var errors = new List<FixFormatError>();
        FixMessage? m = null;
        for (var i = 0; i < 5 && m == null; i++)
        {
            try { m = r.TryRead(); }
            catch (FixFormatException e) { errors.Add(e.Error); }
        }
        Assert.Equal("7", m!.Get(34));
        Assert.Equal(new[] { FixFormatError.MissingBeginString, FixFormatError.BadBodyLength }, errors);
    }

    [Fact]
    public void An_oversized_body_length_is_refused_before_buffering_it()
    {
        var r = new FixFrameReader(maxMessageSize: 100);
        var bytes = Wire("8=FIXT.1.1|9=5000|35=0|");
        r.Append(bytes, 0, bytes.Length);
        Assert.Equal(FixFormatError.TooLarge, Assert.Throws<FixFormatException>(() => r.TryRead()).Error);
    }

    [Theory]
    [InlineData("a\u0001b")]
    [InlineData("caf\u00e9")]
    [InlineData("")]
    [InlineData("line\nbreak")]
    public void Values_that_would_not_be_one_field_on_the_wire_are_refused(string value)
    {
        var m = new FixMessage("D").Add(34, 1).Add(11, value);
        var e = Assert.Throws<FixFormatException>(() => FixEncoding.Encode(m));
        Assert.Equal(11, e.RefTagId);
    }

    [Fact]
    public void Header_tags_cannot_be_added_by_hand()
    {
        var m = new FixMessage("0");
        Assert.Throws<ArgumentException>(() => m.Add(9, "12"));
        Assert.Throws<ArgumentException>(() => m.Add(10, "000"));
        Assert.Throws<ArgumentException>(() => m.Add(35, "D"));
    }

    [Fact]
    public void ToString_uses_pipes_and_redacts_the_signature_and_password()
    {
        var m = new FixMessage(FixMsgTypes.Logon).Add(34, 1).Add(96, "c2VjcmV0LXNpZ25hdHVyZQ==").Add(554, "hunter2").Add(108, 30);
        var s = m.ToString();
        Assert.Equal("8=FIXT.1.1|35=A|34=1|96=<redacted>|554=<redacted>|108=30|", s);
        Assert.DoesNotContain("c2VjcmV0", s);
        Assert.DoesNotContain("hunter2", s);
        Assert.False(s.Contains('\u0001'));
    }

    // Wraps a body in a correct header and trailer, to test errors inside a well-formed frame.
    internal static byte[] Frame(string pipedBody)
    {
        var body = Wire(pipedBody);
        var head = Encoding.ASCII.GetBytes($"8=FIXT.1.1\u00019={body.Length}\u0001");
        var msg = head.Concat(body).ToArray();
        var sum = FixEncoding.CheckSum(msg, 0, msg.Length);
        return msg.Concat(Encoding.ASCII.GetBytes($"10={sum:000}\u0001")).ToArray();
    }

    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
            base.ReadAsync(buffer, offset, Math.Min(count, chunk), ct);
    }
}
