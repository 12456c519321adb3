using System;
using System.Collections.Generic;
using KalshiPS.Api;

namespace KalshiPS.Session
{
    /// <summary>Values the user supplies that are sent as HTTP header values: printable ASCII, nothing else.</summary>
    internal static class HeaderValues
    {
        /// <summary>
        /// The value with surrounding whitespace removed (adding a note to <paramref name="notes"/> when there was
        /// some), or an ArgumentException naming <paramref name="source"/> when a control, space or non-ASCII
        /// character remains inside.
        /// </summary>
        public static string Clean(string value, string source, string shape, List<string> notes)
        {
            if (value == null) return null;
            var trimmed = value.Trim();
            if (trimmed.Length != value.Length)
                notes?.Add($"{source} {Escaped.Text(value)} had surrounding whitespace (a copied newline?); using {Escaped.Text(trimmed)}.");
            for (int i = 0; i < trimmed.Length; i++)
            {
                var c = trimmed[i];
                if (c > ' ' && c <= '~') continue;
                var what = c < ' ' || c == 0x7F ? "the control character " + Escaped.Char(c) : c == ' ' ? "a space" : "the non-ASCII character " + Escaped.Char(c);
                throw new ArgumentException($"{source} {Escaped.Text(value)} contains {what} at position {i + 1}; it is sent as an HTTP header, so it must be printable ASCII: {shape}. Nothing was sent.");
            }
            return trimmed;
        }
    }
}
