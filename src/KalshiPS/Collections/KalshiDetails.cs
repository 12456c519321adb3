using System.Collections.Generic;
using System.Collections.ObjectModel;

namespace KalshiPS.Collections
{
    /// <summary>
    /// A read-only dictionary of Kalshi's free-form data (details, source ids, scopes per competition) that prints as
    /// its JSON text, so Export-Csv writes the data instead of a type name while scripts still index it by key.
    /// Numbers inside are decimal.
    /// </summary>
    public sealed class KalshiDetails : ReadOnlyDictionary<string, object>
    {
        private readonly string _text;

        public KalshiDetails() : this(null, null) { }

        public KalshiDetails(IDictionary<string, object> values, string text) : base(values ?? new Dictionary<string, object>())
        {
            _text = text;
        }

        public override string ToString() => string.IsNullOrEmpty(_text) ? "{}" : _text;
    }
}
