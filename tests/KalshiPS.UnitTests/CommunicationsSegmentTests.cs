using System.Runtime.InteropServices;
using KalshiPS.Api;
using KalshiPS.Auth;

namespace KalshiPS.UnitTests;

/// <summary>The ids of RFQs, quotes, API keys and block trades as path segments; the owner-only key file.</summary>
public class CommunicationsSegmentTests
{
    [Theory]
    [InlineData("RfqId", "0F8FAD5B-D9CB-469F-A165-70867728950E", "0f8fad5b-d9cb-469f-a165-70867728950e")]
    [InlineData("QuoteId", " 0f8fad5b-d9cb-469f-a165-70867728950e ", "0f8fad5b-d9cb-469f-a165-70867728950e")]
    [InlineData("ApiKeyId", "a952bcbe-ec3b-4b5b-b8f9-11dae589608c", "a952bcbe-ec3b-4b5b-b8f9-11dae589608c")]
    [InlineData("BlockTradeId", "bt_123-ABC.1", "bt_123-ABC.1")]
    public void Valid_ids_are_canonicalised(string kindName, string raw, string expected) =>
        Assert.Equal(expected, Segment.Parse(Enum.Parse<SegmentKind>(kindName), raw, "X").Value);

    [Theory]
    [InlineData("RfqId", "..")]
    [InlineData("RfqId", "rfq_123")]
    [InlineData("QuoteId", "../quotes")]
    [InlineData("ApiKeyId", "")]
    [InlineData("BlockTradeId", ".")]
    [InlineData("BlockTradeId", "..")]
    [InlineData("BlockTradeId", "a/b")]
    [InlineData("BlockTradeId", "a b")]
    public void Anything_else_is_refused_before_sending(string kindName, string raw)
    {
        var e = Assert.Throws<InvalidSegmentException>(() => Segment.Parse(Enum.Parse<SegmentKind>(kindName), raw, "Id"));
        Assert.Contains("Nothing was sent", e.Message);
    }

    [Fact]
    public void The_key_file_is_new_and_owner_only_and_never_follows_a_link_or_replaces_a_file()
    {
        var dir = Directory.CreateTempSubdirectory("kalships-owner-").FullName;
        try
        {
            var path = Path.Combine(dir, "key.pem");
            using (var f = OwnerOnlyFile.CreateNew(path)) f.WriteByte((byte)'x');
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            Assert.Throws<IOException>(() => OwnerOnlyFile.CreateNew(path));
            Assert.Equal("x", File.ReadAllText(path));
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                var target = Path.Combine(dir, "elsewhere.pem");
                var link = Path.Combine(dir, "link.pem");
                File.CreateSymbolicLink(link, target); // dangling: creating "through" it would make the target
                Assert.Throws<IOException>(() => OwnerOnlyFile.CreateNew(link));
                Assert.False(File.Exists(target));
            }
        }
        finally { Directory.Delete(dir, true); }
    }
}
