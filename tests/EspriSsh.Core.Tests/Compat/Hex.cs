using System;
using System.Linq;

namespace EspriSsh.Core.Tests
{
    /// <summary>Convert.From/ToHexString (.NET 5+) for both target frameworks; lower-case output.</summary>
    public static class Hex
    {
        public static byte[] Decode(string hex) =>
            Enumerable.Range(0, hex.Length / 2).Select(i => Convert.ToByte(hex.Substring(i * 2, 2), 16)).ToArray();

        public static string Encode(byte[] bytes) => string.Concat(bytes.Select(b => b.ToString("x2")));
    }
}
