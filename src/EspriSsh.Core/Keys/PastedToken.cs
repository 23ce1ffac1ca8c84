using System.Collections.Generic;

namespace EspriSsh.Core.Keys
{
    /// <summary>A word of pasted text and the line it was on (a key split over lines is joined back).</summary>
    internal sealed class PastedToken
    {
        private PastedToken(string text, int line)
        {
            Text = text;
            Line = line;
        }

        public string Text { get; }

        public int Line { get; }

        /// <summary>The words of <paramref name="body"/>, split at spaces, tabs and line ends.</summary>
        public static List<PastedToken> Split(string body)
        {
            var tokens = new List<PastedToken>();
            int line = 0, start = -1;
            for (int i = 0; i <= body.Length; i++)
            {
                char c = i < body.Length ? body[i] : '\n';
                if (c == ' ' || c == '\t' || c == '\n')
                {
                    if (start >= 0)
                    {
                        tokens.Add(new PastedToken(body.Substring(start, i - start), line));
                        start = -1;
                    }

                    line += c == '\n' ? 1 : 0;
                }
                else if (start < 0)
                {
                    start = i;
                }
            }

            return tokens;
        }
    }
}
