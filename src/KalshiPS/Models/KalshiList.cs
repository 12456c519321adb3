using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;

namespace KalshiPS.Models
{
    /// <summary>
    /// A read-only list of nested items (book levels, an event's markets) that prints as one line of text, so
    /// Export-Csv writes "0.56x10; 0.55x3" instead of a type name, while scripts still index and enumerate it.
    /// </summary>
    public sealed class KalshiList<T> : ReadOnlyCollection<T>
    {
        public KalshiList(IList<T> items) : base(items ?? new T[0]) { }

        /// <summary>Keeps model code and the wire readers working with plain arrays.</summary>
        public static implicit operator KalshiList<T>(T[] items) => items == null ? null : new KalshiList<T>(items);

        /// <summary>The items' own text forms joined with "; " (stable, culture-independent when the items are).</summary>
        public override string ToString() => string.Join("; ", this.Select(i => i?.ToString()));
    }
}
