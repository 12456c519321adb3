using System;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using KalshiPS.Wire;

namespace KalshiPS.Benchmarks
{
    /// <summary>FixedPoint over 1M prices: "0.5600" to decimal, and decimal to the four-decimal wire form.</summary>
    [MemoryDiagnoser]
    public class FixedPointBenchmarks
    {
        private const int Count = 1_000_000;
        private string[] _text;
        private decimal[] _values;

        [GlobalSetup]
        public void Setup()
        {
            _text = new string[Count];
            _values = new decimal[Count];
            for (int i = 0; i < Count; i++)
            {
                _values[i] = (1 + i % 9999) / 10000m; // every price 0.0001..0.9999, deci-cent and finer
                _text[i] = _values[i].ToString("0.0000", CultureInfo.InvariantCulture);
            }
            if (FixedPoint.Parse(_text[4199]) != 0.42m || FixedPoint.Price(_values[4199]) != "0.4200")
                throw new InvalidOperationException("FixedPoint does not round-trip the generated prices.");
        }

        [Benchmark]
        public decimal Parse1M()
        {
            decimal sum = 0;
            for (int i = 0; i < _text.Length; i++) sum += FixedPoint.Parse(_text[i]);
            return sum;
        }

        [Benchmark]
        public int Format1M()
        {
            int chars = 0;
            for (int i = 0; i < _values.Length; i++) chars += FixedPoint.Price(_values[i]).Length;
            return chars;
        }
    }
}
