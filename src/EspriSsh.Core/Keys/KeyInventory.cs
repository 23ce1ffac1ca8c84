using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;
using EspriSsh.Core.Platform;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// Finds every private and public key in a folder (or one file) and judges each one as OpenSSH and
    /// the site would, without ever asking for a passphrase: Get-EspriKey and the debug report's key
    /// section. Files that are not keys (config, known_hosts, authorized_keys...) are left out; a
    /// damaged key is reported as an entry with a problem, never as a failure of the whole scan.
    /// </summary>
    public static class KeyInventory
    {
        private const string PublicSuffix = PublicKeyFile.Suffix;

        // OpenSSH's own files in the ssh folder: never keys, whatever they hold (known_hosts holds public keys).
        private static readonly string[] NotKeys = { "config", "known_hosts", "authorized_keys", "authorized_keys2", "environment", "rc" };

        /// <summary>Scans a directory (its files, not sub-folders) or one file.</summary>
        public static IReadOnlyList<KeyEntry> Scan(string path, KeyInventoryOptions options)
        {
            SiteProfile site = options.Site;
            ISet<string>? agent = options.AgentFingerprints == null ? null : new HashSet<string>(options.AgentFingerprints, StringComparer.Ordinal);
            var entries = new List<KeyEntry>();
            if (Directory.Exists(path))
            {
                string[] files = Directory.GetFiles(path).OrderBy(f => f, StringComparer.Ordinal).ToArray();
                var names = new HashSet<string>(files, StringComparer.Ordinal);
                foreach (string file in files)
                {
                    if (IsPublicFile(file) && names.Contains(PrivateOf(file)) && LooksLikePrivateKey(PrivateOf(file), true))
                    {
                        continue; // reported with its private key
                    }

                    KeyEntry? entry = ScanOne(file, () => IsPublicFile(file) ? ScanPublicAlone(file, site, explicitFile: false)
                        : LooksLikePrivateKey(file, names.Contains(file + PublicSuffix)) ? ScanPrivate(file, site) : null);
                    AddIfKey(entries, entry, agent);
                }

                CertificateEntries.Place(entries);
            }
            else if (File.Exists(path) || FileLinks.TargetOf(path) != null)
            {
                string privatePath = IsPublicFile(path) && File.Exists(PrivateOf(path)) && LooksLikePrivateKey(PrivateOf(path), true) ? PrivateOf(path) : path;
                KeyEntry? entry = ScanOne(privatePath, () => IsPublicFile(privatePath) ? ScanPublicAlone(privatePath, site, explicitFile: true) : ScanPrivate(privatePath, site));
                AddIfKey(entries, entry, agent);
                CertificateEntries.Place(entries);
            }
            else
            {
                throw new EspriException(ErrorIds.KeyFileNotFound,
                    $"{UntrustedText.Quoted(path)} does not exist. Give a key file or a folder (by default your ssh folder, {SshDirectory.Resolve(null)}).", path);
            }

            return entries;
        }

        /// <summary>
        /// The private key files of a folder (readable or damaged), as Scan would report them: what
        /// Repair-EspriKeyPermission restricts.
        /// </summary>
        public static IEnumerable<string> PrivateKeyFiles(string directory)
        {
            string[] files = Directory.GetFiles(directory);
            var names = new HashSet<string>(files, StringComparer.Ordinal);
            return files.Where(f => !IsPublicFile(f) && LooksLikePrivateKey(f, names.Contains(f + PublicSuffix))).OrderBy(f => f, StringComparer.Ordinal);
        }

        /// <summary>
        /// One file's entry; a file that cannot be read at all (rights, I/O) or read as a key is still an
        /// entry, with the reason as its problem: one bad file never ends the scan.
        /// </summary>
        private static KeyEntry? ScanOne(string path, Func<KeyEntry?> scan)
        {
            try
            {
                return scan();
            }
            catch (Exception ex) when (ex is EspriException || ex is IOException || ex is UnauthorizedAccessException)
            {
                return new KeyEntry
                {
                    Path = path,
                    Kind = IsPublicFile(path) ? KeyEntryKind.Public : KeyEntryKind.Private,
                    Problems = new[] { $"It cannot be read: {ex.Message}" },
                };
            }
        }

        private static void AddIfKey(List<KeyEntry> entries, KeyEntry? entry, ISet<string>? agent)
        {
            if (entry == null)
            {
                return;
            }

            entry.InAgent = agent == null || entry.Fingerprint == null ? (bool?)null : agent.Contains(entry.Fingerprint);
            entries.Add(entry);
        }

        private static KeyEntry ScanPrivate(string path, SiteProfile site)
        {
            var entry = new KeyEntry { Path = path, Kind = KeyEntryKind.Private };
            var problems = new List<string>();
            if (KeyRights.Judge(path, entry, problems))
            {
                entry.Problems = problems.ToArray();
                return entry; // no regular file (a FIFO, a device, a link to one): nothing more to read or advise
            }

            PrivateKeyPeek? peek = null;
            try
            {
                peek = PrivateKeyFileReader.PeekFile(path);
            }
            catch (EspriException ex) when (!(ex is PassphraseRequiredException))
            {
                problems.Insert(0, $"It cannot be read as a private key: {ex.Message}"); // the first reason a file is set aside
            }

            string? pubPath = File.Exists(path + PublicSuffix) ? path + PublicSuffix : null;
            string? pubProblem = null;
            string? pubUnknownType = null;
            SshPublicKey? pub = pubPath == null ? null : PublicKeyFile.TryRead(pubPath, out pubProblem, out pubUnknownType);
            string? unusableType = peek?.KeyType != null && !KeyTypeNames.HasPrivateKeySupport(peek.KeyType) ? peek.KeyType : null;
            entry.HasPublicKey = pubPath != null;
            entry.PublicKeyPath = pubPath;
            SshPublicKey? own = peek?.PublicKey;
            if (peek != null)
            {
                entry.Format = peek.FormatVersion == null ? peek.Format : $"{peek.Format} v{peek.FormatVersion}";
                entry.Encrypted = peek.Encrypted;
                entry.Type = peek.KeyType ?? (peek.PossibleKeyTypes.Count > 1 ? FamilyOf(peek.PossibleKeyTypes) : null);
                if (unusableType != null)
                {
                    // No EspriSsh command can rewrite a key of this type: say what it is, and advise nothing that would fail.
                    problems.Add($"It holds {KeyTypeNames.Describe(unusableType)}. {KeyTypeNames.WhyUnusable(unusableType)}");
                }
                else
                {
                    DescribeProtection(path, peek, problems);
                    DescribeLoadability(path, peek, problems);
                }
            }

            if (own != null)
            {
                // The .pub's comment is the one registered with the site (an encrypted key hides its own).
                Describe(entry, own.Blob, pub != null && pub.SameKeyAs(own) && pub.Comment.Length > 0 ? pub.Comment : own.Comment, problems);
            }
            else if (pub != null)
            {
                Describe(entry, pub.Blob, pub.Comment, problems);
            }

            if (pubProblem != null && (unusableType == null || pubUnknownType != unusableType))
            {
                problems.Add(pubProblem);
            }
            else if (pub != null && own != null)
            {
                entry.PublicKeyMatches = pub.SameKeyAs(own);
                if (entry.PublicKeyMatches == false)
                {
                    problems.Add($"{UntrustedText.Quoted(pubPath)} is not the public half of this key (it is {KeyFingerprint.Sha256(pub.Blob)}, the key is {entry.Fingerprint}): " +
                        $"a public key registered from it would not let this key in. Write the right one (the old file is kept as .bak): {KeyAdvice.WritePublicKey(path)}");
                }
            }

            if (pubPath == null && peek != null && !IsPpk(peek) && unusableType == null)
            {
                problems.Add($"There is no '{path}{PublicSuffix}' next to it (you need it to register the key). Write it: {KeyAdvice.WritePublicKey(path)}");
            }

            AddPolicy(entry, site, problems, peek?.PossibleKeyTypes);
            entry.Problems = problems.ToArray();
            return entry;
        }

        private static void DescribeProtection(string path, PrivateKeyPeek peek, List<string> problems)
        {
            if (IsPpk(peek))
            {
                problems.Add($"It is a PuTTY key ({peek.Format}), which OpenSSH cannot use. Install it for OpenSSH: {KeyAdvice.InstallForOpenSsh(path)}");
                if (!peek.Encrypted)
                {
                    problems.Add("It has no passphrase: anyone who copies the file can use your account, and the site requires one. Install it protected: " +
                        KeyAdvice.InstallForOpenSsh(path) + " -NewPassphrase (Read-Host -AsSecureString 'New passphrase')");
                }
            }
            else if (!peek.Encrypted)
            {
                problems.Add($"It has no passphrase: anyone who copies the file can use your account, and the site requires one. Add one (the unprotected file is kept as .bak): {KeyAdvice.AddPassphrase(path)}");
            }
        }

        // ssh-keygen fails on an OpenSSH key with CR line ends, a BOM or no final newline ("error in libcrypto").
        private static void DescribeLoadability(string path, PrivateKeyPeek peek, List<string> problems)
        {
            byte[]? content = peek.Format == Formats.OpenSshPrivateKeyReader.FormatName ? KeyFile.TryLoad(path) : null;
            if (content != null && !Formats.OpenSshArmor.IsLoadable(content))
            {
                problems.Add("OpenSSH cannot load it as it is (Windows line ends, a byte-order mark or no newline at the end: \"error in libcrypto\"). " +
                    $"Rewrite it as OpenSSH expects (the original is kept as .bak): {KeyAdvice.MakeLoadable(path)}");
            }
        }

        // An encrypted "EC PRIVATE KEY" tells its family, not its curve.
        private static string FamilyOf(IReadOnlyList<string> types) => types.All(t => t.StartsWith("ecdsa-", StringComparison.Ordinal)) ? "ecdsa" : types[0];

        private static KeyEntry? ScanPublicAlone(string path, SiteProfile site, bool explicitFile)
        {
            if (PublicKeyFile.HoldsCertificate(path))
            {
                return CertificateEntries.Scan(path, site);
            }

            SshPublicKey? pub = PublicKeyFile.TryRead(path, out string? problem, out string? unknownType);
            if (pub == null && !explicitFile && !IsKeyName(path))
            {
                return null;
            }

            var entry = new KeyEntry { Path = path, Kind = KeyEntryKind.Public, PublicKeyPath = path, HasPublicKey = true, Format = "Public" };
            var problems = new List<string>();
            if (pub != null)
            {
                Describe(entry, pub.Blob, pub.Comment, problems);
            }
            else
            {
                entry.Format = unknownType == null ? null : entry.Format;
                entry.Type = unknownType;
                problems.Add(problem!);
            }

            AddPolicy(entry, site, problems, entry.Type == null ? null : new[] { entry.Type });
            entry.Problems = problems.ToArray();
            return entry;
        }

        /// <summary>Type, size, fingerprint and comment (escaped; one that needed it is a problem) of the key in <paramref name="blob"/>.</summary>
        internal static void Describe(KeyEntry entry, byte[] blob, string comment, List<string> problems)
        {
            PublicKeyBlobInfo? info = PublicKeyBlobInfo.TryParse(blob, out _);
            entry.Type = info?.KeyType ?? entry.Type;
            entry.Bits = info?.Bits;
            entry.Fingerprint = KeyFingerprint.Sha256(blob);
            entry.Comment = UntrustedText.Escape(comment);
            if (SshPublicKey.UnsafeCommentProblem(comment) is string unsafeComment)
            {
                problems.Add(unsafeComment);
            }
        }

        /// <summary>
        /// The site's verdict. With the key's size unknown (an encrypted PEM or PKCS#8 key), the verdict
        /// is given only when every type the file can hold gets the same one whatever its size: a DSA
        /// or ECDSA header says "refused" before any passphrase.
        /// </summary>
        internal static void AddPolicy(KeyEntry entry, SiteProfile site, List<string> problems, IReadOnlyList<string>? possibleTypes)
        {
            KeyPolicyResult? verdict = null;
            if (entry.Type != null && entry.Bits != null)
            {
                verdict = site.Evaluate(entry.Kind == KeyEntryKind.Certificate ? possibleTypes![0] : entry.Type, entry.Bits.Value);
            }
            else if (possibleTypes != null && possibleTypes.Count > 0)
            {
                KeyPolicyResult[] outcomes = possibleTypes.SelectMany(t => new[] { site.Evaluate(t, 0), site.Evaluate(t, int.MaxValue) }).ToArray();
                verdict = outcomes.All(o => o.Verdict == outcomes[0].Verdict) ? outcomes[0] : null;
            }

            if (verdict == null)
            {
                return;
            }

            entry.SitePolicy = verdict.Verdict;
            entry.SitePolicyReason = verdict.Reason;
            if (verdict.Verdict != KeyPolicyVerdict.Preferred)
            {
                problems.Add($"{site.Name}: {verdict.Verdict.ToString().ToLowerInvariant()}. {verdict.Reason}");
            }
        }

        // A file counts as a private key when a key format recognizes it, or when its name says it is
        // one (id_*, *.ppk, *.pem, *.key, a sibling .pub) and it is not a public key line: then a
        // damaged key is still reported. Backups (.bak) count only by their content.
        private static bool LooksLikePrivateKey(string path, bool hasPublicSibling)
        {
            string name = Path.GetFileName(path);
            if (NotKeys.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                return false;
            }

            string? text = KeyFile.TryLoadText(path);
            if (text != null && PrivateKeyFileReader.KnownFormats.Any(f => f.Recognizes(text)))
            {
                return true;
            }

            string start = text?.TrimStart() ?? "";
            if (start.StartsWith("ssh-", StringComparison.Ordinal) || start.StartsWith("ecdsa-", StringComparison.Ordinal) || start.StartsWith("sk-", StringComparison.Ordinal))
            {
                return false;
            }

            string ext = Path.GetExtension(name).ToLowerInvariant();
            return ext != ".bak" && (hasPublicSibling || IsKeyName(path) || ext == ".ppk" || ext == ".pem" || ext == ".key");
        }

        private static bool IsKeyName(string path) => Path.GetFileName(path).StartsWith("id_", StringComparison.Ordinal);

        private static bool IsPpk(PrivateKeyPeek peek) => peek.Format.StartsWith("PPK", StringComparison.Ordinal);

        private static bool IsPublicFile(string path) => path.EndsWith(PublicSuffix, StringComparison.Ordinal);

        private static string PrivateOf(string publicPath) => publicPath.Substring(0, publicPath.Length - PublicSuffix.Length);
    }
}
