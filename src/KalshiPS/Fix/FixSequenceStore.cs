using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace KalshiPS.Fix
{
    /// <summary>The next MsgSeqNum to send and the next one expected from the peer.</summary>
    internal readonly struct FixSequenceNumbers
    {
        public FixSequenceNumbers(long nextOutgoing, long nextIncoming) { NextOutgoing = nextOutgoing; NextIncoming = nextIncoming; }
        public long NextOutgoing { get; }
        public long NextIncoming { get; }
        public static FixSequenceNumbers Initial => new FixSequenceNumbers(1, 1);
        public override string ToString() => $"out {NextOutgoing}, in {NextIncoming}";
    }

    /// <summary>Where a session keeps its sequence numbers between connections (per session id).</summary>
    internal interface IFixSequenceStore
    {
        FixSequenceNumbers Load(string sessionId);
        void Save(string sessionId, FixSequenceNumbers numbers);
    }

    internal sealed class FixMemorySequenceStore : IFixSequenceStore
    {
        private readonly ConcurrentDictionary<string, FixSequenceNumbers> _map = new ConcurrentDictionary<string, FixSequenceNumbers>(StringComparer.Ordinal);
        public FixSequenceNumbers Load(string sessionId) => _map.TryGetValue(sessionId, out var n) ? n : FixSequenceNumbers.Initial;
        public void Save(string sessionId, FixSequenceNumbers numbers) => _map[sessionId] = numbers;
    }

    /// <summary>
    /// One small text file per session ("next-out next-in"), replaced atomically so a crash leaves the old or the new
    /// numbers, never half a file. The file name is a readable prefix plus a hash of the session id (ids hold ':' and '>').
    /// </summary>
    internal sealed class FixFileSequenceStore : IFixSequenceStore
    {
        private readonly string _directory;

        public FixFileSequenceStore(string directory)
        {
            if (string.IsNullOrWhiteSpace(directory)) throw new ArgumentException("A directory for FIX sequence numbers is required.", nameof(directory));
            _directory = directory;
        }

        public string PathFor(string sessionId)
        {
            var readable = new StringBuilder();
            foreach (var c in sessionId)
                readable.Append(char.IsLetterOrDigit(c) || c == '.' || c == '-' ? c : '_');
            if (readable.Length > 60) readable.Length = 60;
            using (var sha = SHA256.Create())
            {
                var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(sessionId));
                var hex = BitConverter.ToString(hash, 0, 6).Replace("-", "").ToLowerInvariant();
                return Path.Combine(_directory, readable + "-" + hex + ".seqnums");
            }
        }

        public FixSequenceNumbers Load(string sessionId)
        {
            var path = PathFor(sessionId);
            if (!File.Exists(path)) return FixSequenceNumbers.Initial;
            var parts = File.ReadAllText(path).Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var o)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var i) || o < 1 || i < 1)
                throw new InvalidDataException($"The FIX sequence file '{path}' is not two positive numbers; fix or delete it (deleting resets the session to 1/1, which the exchange may refuse without ResetSeqNumFlag).");
            return new FixSequenceNumbers(o, i);
        }

        public void Save(string sessionId, FixSequenceNumbers numbers)
        {
            Directory.CreateDirectory(_directory);
            var path = PathFor(sessionId);
            var temp = path + ".tmp";
            File.WriteAllText(temp, numbers.NextOutgoing.ToString(CultureInfo.InvariantCulture) + " " + numbers.NextIncoming.ToString(CultureInfo.InvariantCulture) + "\n");
            if (File.Exists(path)) File.Replace(temp, path, null);
            else File.Move(temp, path);
        }
    }
}
