using System.Collections.Generic;

namespace EspriSsh.Core.Display
{
    /// <summary>
    /// A list in a message, a step detail or a finding, bounded: the first few items and a count of
    /// the rest. A folder of 10,000 junk files must not turn one line of a checklist into megabytes.
    /// </summary>
    public static class ShortList
    {
        /// <summary>How many items a message shows by default.</summary>
        public const int DefaultShown = 5;

        /// <summary>
        /// The first <paramref name="shown"/> items joined by <paramref name="separator"/>, then
        /// "(and N more)" when there are others. Each item is shown as it is: escape untrusted ones first.
        /// </summary>
        public static string Join(string separator, IEnumerable<string> items, int shown = DefaultShown) => string.Join(separator, Take(items, shown));

        /// <summary>The first <paramref name="shown"/> items and, when some are left out, a last one saying how many.</summary>
        public static IReadOnlyList<string> Take(IEnumerable<string> items, int shown = DefaultShown) => Take(items, shown, more => $"(and {more} more)");

        /// <summary>As <see cref="Take(IEnumerable{string}, int)"/>, the last item worded by <paramref name="more"/> (given how many were left out).</summary>
        public static IReadOnlyList<string> Take(IEnumerable<string> items, int shown, System.Func<int, string> more)
        {
            var first = new List<string>(shown + 1);
            int count = 0;
            foreach (string item in items)
            {
                if (count++ < shown)
                {
                    first.Add(item);
                }
            }

            if (count > shown)
            {
                first.Add(more(count - shown));
            }

            return first;
        }
    }
}
