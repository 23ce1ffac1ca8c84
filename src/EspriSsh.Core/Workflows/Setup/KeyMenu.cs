using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Interaction;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>
    /// The question that lets the user pick their key among several: each key listed once with its
    /// fingerprint (what the IT team registered and what ssh-keygen -l shows), each answer labelled by
    /// its file name with a hot key taken from that name ("[w] id_work"), never a number beside a number.
    /// </summary>
    internal static class KeyMenu
    {
        public static int Ask(IUserInteraction ui, IReadOnlyList<KeyCandidate> keys, int defaultChoice)
        {
            string list = string.Join("\n", keys.Select(k => $"  {Name(k),-14} {k.Fingerprint}  {k.Type}, {k.Bits} bits{(k.Installed ? "" : ", PuTTY key")}"));
            var question = new Question(
                $"Several keys the site accepts are here. One key per person: which one is yours (registered, or to register, with the site)?\n{list}",
                null, ErrorIds.InvalidParameter, "Pass -KeyPath (a key in your ssh folder) or -FromKey (a PuTTY key to install).", "Choose your key");
            return ui.Choose(question, Choices(keys), defaultChoice);
        }

        /// <summary>One answer per key: its name with an ampersand before a letter no other answer uses.</summary>
        internal static IReadOnlyList<Choice> Choices(IReadOnlyList<KeyCandidate> keys)
        {
            var taken = new HashSet<char> { '?' }; // PowerShell's help key
            return keys.Select((key, i) =>
            {
                string name = Name(key);
                int skip = name.StartsWith("id_", StringComparison.OrdinalIgnoreCase) ? 3 : 0;
                int at = Enumerable.Range(skip, name.Length - skip).Concat(Enumerable.Range(0, skip))
                    .Where(p => char.IsLetterOrDigit(name[p]) && !taken.Contains(char.ToUpperInvariant(name[p])))
                    .DefaultIfEmpty(-1).First();
                string label = at < 0 ? $"{name} (&{i + 1})" : name.Substring(0, at) + "&" + name.Substring(at);
                taken.Add(char.ToUpperInvariant(at < 0 ? (char)('1' + i) : name[at]));
                return new Choice(label, key.ToString());
            }).ToList();
        }

        // A PuTTY key is named by its file too: the folder is in its help text (the key's description).
        private static string Name(KeyCandidate key) => Path.GetFileName(key.Path);
    }
}
