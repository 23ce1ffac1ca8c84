using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using EspriSsh.Core.Connection;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Keys.Formats;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tests.Keys.Corpus;

namespace EspriSsh.Core.Tests.Keys
{
    /// <summary>
    /// Issue 14 item 5: every parser meets thousands of damaged key files (each corpus file truncated,
    /// its text and its decoded bytes mutated: flipped bytes, huge and zero length fields, cut and
    /// spliced ranges) and may only answer with an EspriException. The mutations are seeded, so a
    /// failure names the seed, the mutation and the input that reproduce it. Issue 26 item 8: an
    /// EspriException only counts when what it wraps is a failure a decoder documents for bad input
    /// (a catch-all that turned a bug into KeyWrongPassphrase hid it from this test), and encrypted
    /// PKCS#8 files get many mutants decrypted with their real passphrase.
    /// </summary>
    public sealed class KeyParserFuzzTests
    {
        private const int MutantsPerFile = 24;

        // Decrypting costs a KDF run; only this many mutants per encrypted file get the passphrase.
        private const int DecryptingMutantsPerFile = 2;

        // PKCS#8's PBKDF2 (2048 iterations in the corpus) is cheap: its decryption path gets many more.
        private const int Pkcs8DecryptingMutants = 48;

        /// <summary>What readers may wrap: each decoder documents these for bad input. Anything else inside an EspriException is a bug a catch-all hid.</summary>
        private static readonly Type[] DocumentedFailures =
        {
            typeof(EspriException), typeof(FormatException), typeof(IOException), typeof(ArgumentException), typeof(System.Security.Cryptography.CryptographicException),
            typeof(Org.BouncyCastle.Crypto.CryptoException), typeof(Org.BouncyCastle.Asn1.Asn1ParsingException), typeof(OperationCanceledException),
        };

        // Fixed, so a failure reproduces; ESPRISSH_FUZZ_SEED explores other mutants.
        private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("ESPRISSH_FUZZ_SEED"), out int seed) ? seed : 14;

        private static readonly Regex Base64Line = new Regex("^[A-Za-z0-9+/=]{16,}$");

        [Fact]
        public void DamagedKeyFilesOnlyEverRaiseEspriExceptions()
        {
            var escapes = new List<string>();
            int mutants = 0;
            foreach (CorpusEntry entry in CorpusEntry.All)
            {
                byte[] original = File.ReadAllBytes(entry.Path);
                var random = new Random(Seed + StableHash(entry.File));
                bool pkcs8 = entry.Kind == "pkcs8" && entry.Passphrase.Length > 0 && entry.Expect == "ok";
                for (int i = 0; i < (pkcs8 ? Pkcs8DecryptingMutants : MutantsPerFile); i++)
                {
                    (string mutation, byte[] content) = Mutate(original, random);
                    byte[] passphrase = (pkcs8 || i < DecryptingMutantsPerFile) && entry.Passphrase.Length > 0 ? Encoding.UTF8.GetBytes(entry.Passphrase) : null;
                    foreach ((string parser, Action parse) in Parsers(content, passphrase))
                    {
                        mutants++;
                        try
                        {
                            parse();
                        }
                        catch (EspriException ex) when (Hidden(ex, passphrase != null) == null)
                        {
                        }
                        catch (Exception ex)
                        {
                            Exception shown = ex is EspriException espri ? Hidden(espri, passphrase != null)! : ex;
                            escapes.Add($"{entry.File} #{i} ({mutation}) in {parser}: {(shown == ex ? "" : ((EspriException)ex).ErrorId + " hiding ")}{shown.GetType().Name}: {shown.Message}");
                        }
                    }
                }
            }

            Assert.True(escapes.Count == 0, $"{escapes.Count} of {mutants} parses let a non-EspriException escape:\n" + string.Join("\n", escapes.Take(20)));
        }

        [Fact]
        public void AScanOfAFolderOfDamagedKeysListsEveryFileAndGoesOn()
        {
            using var dir = new TempDirectory();
            var random = new Random(Seed);
            foreach (CorpusEntry entry in CorpusEntry.All.Where(e => e.IsPrivate || e.Kind == "cert" || e.Kind == "pub"))
            {
                File.WriteAllBytes(dir.File(entry.File), Mutate(File.ReadAllBytes(entry.Path), random).Content);
            }

            IReadOnlyList<KeyEntry> entries = KeyInventory.Scan(dir.Path, new KeyInventoryOptions(SiteProfileLoader.Default));

            Assert.NotEmpty(entries);
            Assert.Contains(entries, e => e.Problems.Length > 0);
        }

        /// <summary>
        /// What <paramref name="ex"/> wraps (past other EspriExceptions) when no decoder documents it for
        /// bad input; null when it wraps nothing or a documented failure (whose own causes are the decoder's).
        /// Given the right passphrase, a wrong-passphrase error may only come from decryption's own check
        /// (bad padding, a MAC, check bytes, garbage after decryption): parameters the cipher refused
        /// (ArgumentException, DataLengthException) are a damaged file reported as a wrong passphrase.
        /// </summary>
        private static Exception Hidden(EspriException ex, bool rightPassphrase)
        {
            Exception inner = ex.InnerException;
            if (rightPassphrase && ex is WrongPassphraseException && (inner is ArgumentException || inner is Org.BouncyCastle.Crypto.DataLengthException))
            {
                return inner;
            }

            while (inner is EspriException wrapped)
            {
                inner = wrapped.InnerException;
            }

            return inner == null || DocumentedFailures.Any(t => t.IsInstanceOfType(inner)) ? null : inner;
        }

        // string.GetHashCode differs between processes; the seed must not.
        private static int StableHash(string text) => text.Aggregate(17, (hash, c) => unchecked(hash * 31 + c));

        /// <summary>Every entry point that reads key material from a file, on the same bytes.</summary>
        private static IEnumerable<(string Name, Action Parse)> Parsers(byte[] content, byte[] passphrase)
        {
            string text = Encoding.UTF8.GetString(content);
            yield return ("PrivateKeyFileReader.Peek", () => PrivateKeyFileReader.Peek(content, "fuzz"));
            yield return ("PrivateKeyFileReader.Read", () =>
            {
                SshPrivateKey key = PrivateKeyFileReader.Read(content, passphrase, "fuzz").Key;
                if (SshNetKeyAdapter.CanOffer(key.KeyType))
                {
                    SshNetKeyAdapter.ForPrivateKey(key, SignatureAlgorithms.For(key.KeyType, "SSH-2.0-OpenSSH_9.2", false, out _)!, new KeyOffer("fuzz", key.KeyType, key.Bits, KeyFingerprint.Sha256(key.PublicKeyBlob)))
                        .Sign(new byte[] { 1, 2, 3 });
                }
                OpenSshPrivateKeyWriter.Write(key, null);
            });
            yield return ("PpkReader", () => PpkReader.Parse(content, "fuzz").Decrypt(passphrase));
            yield return ("PublicKeyPasteChecker", () => PublicKeyPasteChecker.Check(text, "fuzz", SiteProfileLoader.Default));
            yield return ("SshCertificate/PublicKeyBlobInfo", () =>
            {
                foreach (byte[] blob in Base64Fields(text))
                {
                    SshCertificate.TryParse(blob, "", out _);
                    PublicKeyBlobInfo.TryParse(blob, out _);
                    PublicKeyBlobInfo.MeasureLength(blob);
                }
            });
        }

        private static IEnumerable<byte[]> Base64Fields(string text)
        {
            foreach (string field in text.Split(new[] { ' ', '\n', '\r', '\t' }, StringSplitOptions.RemoveEmptyEntries).Where(f => f.Length % 4 == 0 && f.Length >= 8))
            {
                byte[] blob = null;
                try
                {
                    blob = Convert.FromBase64String(field);
                }
                catch (FormatException)
                {
                }

                if (blob != null)
                {
                    yield return blob;
                }
            }
        }

        /// <summary>One seeded mutation: of the text, or of the bytes a base64 block decodes to (re-encoded in place).</summary>
        private static (string Mutation, byte[] Content) Mutate(byte[] original, Random random)
        {
            string text = Encoding.UTF8.GetString(original);
            string[] lines = text.Split('\n');
            int[] block = Enumerable.Range(0, lines.Length).Where(i => Base64Line.IsMatch(lines[i].TrimEnd('\r'))).ToArray();
            if (block.Length > 0 && random.Next(3) > 0)
            {
                // The longest run of consecutive base64 lines: the key body.
                int start = block[random.Next(block.Length)];
                while (start > 0 && block.Contains(start - 1))
                {
                    start--;
                }

                int end = start;
                while (block.Contains(end + 1))
                {
                    end++;
                }

                string joined = string.Concat(lines.Skip(start).Take(end - start + 1).Select(l => l.TrimEnd('\r')));
                byte[] data;
                try
                {
                    data = Convert.FromBase64String(joined);
                }
                catch (FormatException)
                {
                    data = Encoding.ASCII.GetBytes(joined);
                }

                (string what, byte[] mutated) = MutateBytes(data, random);
                int width = lines[start].TrimEnd('\r').Length;
                string encoded = Convert.ToBase64String(mutated);
                var rewrapped = Enumerable.Range(0, (encoded.Length + width - 1) / Math.Max(width, 1)).Select(i => encoded.Substring(i * width, Math.Min(width, encoded.Length - i * width)));
                string result = string.Join("\n", lines.Take(start).Concat(rewrapped).Concat(lines.Skip(end + 1)));
                return ("decoded " + what, Encoding.UTF8.GetBytes(result));
            }

            (string textWhat, byte[] textMutated) = MutateBytes(original, random);
            return ("text " + textWhat, textMutated);
        }

        private static (string What, byte[] Data) MutateBytes(byte[] data, Random random)
        {
            var bytes = new List<byte>(data);
            int at = bytes.Count == 0 ? 0 : random.Next(bytes.Count);
            switch (random.Next(7))
            {
                case 0:
                    return ($"truncated at {at}", bytes.Take(at).ToArray());
                case 1:
                    if (bytes.Count > 0)
                    {
                        bytes[at] ^= (byte)(1 << random.Next(8));
                    }

                    return ($"bit flipped at {at}", bytes.ToArray());
                case 2:
                case 3:
                    // Length fields: SSH uint32s, ASN.1 long forms, PPK line counts all read these.
                    byte[] value = new[] { new byte[] { 0xFF, 0xFF, 0xFF, 0xFF }, new byte[] { 0x7F, 0xFF, 0xFF, 0xFF }, new byte[] { 0, 0, 0, 0 }, new byte[] { 0x84, 0x7F, 0xFF, 0xFF } }[random.Next(4)];
                    for (int i = 0; i < value.Length && at + i < bytes.Count; i++)
                    {
                        bytes[at + i] = value[i];
                    }

                    return ($"{BitConverter.ToString(value)} written at {at}", bytes.ToArray());
                case 4:
                    int length = Math.Min(random.Next(1, 64), bytes.Count - at);
                    bytes.RemoveRange(at, Math.Max(length, 0));
                    return ($"{length} bytes removed at {at}", bytes.ToArray());
                case 5:
                    byte[] junk = new byte[random.Next(1, 32)];
                    random.NextBytes(junk);
                    bytes.InsertRange(at, junk);
                    return ($"{junk.Length} random bytes inserted at {at}", bytes.ToArray());
                default:
                    int from = bytes.Count == 0 ? 0 : random.Next(bytes.Count), count = Math.Min(random.Next(1, 128), bytes.Count - from);
                    bytes.InsertRange(at, bytes.Skip(from).Take(Math.Max(count, 0)).ToList());
                    return ($"{count} bytes from {from} repeated at {at}", bytes.ToArray());
            }
        }
    }
}
