using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;

namespace EspriSsh.Core.Site
{
    /// <summary>
    /// Reads a site profile: the embedded ESPRI one, or a JSON file given by the user. Every field is
    /// validated before the profile is used (SiteProfileValidator). The cmdlets obtain the profile
    /// here once and hand it to the engine; nothing deeper looks it up.
    /// </summary>
    public static class SiteProfileLoader
    {
        /// <summary>The variable that names a profile file to use instead of the built-in one.</summary>
        public const string EnvironmentVariable = "ESPRISSH_SITE_PROFILE";

        private const string EmbeddedName = "EspriSsh.Core.Site.espri-site.json";

        /// <summary>The built-in profile is 3 KB; a site with hundreds of hosts still fits.</summary>
        private const int MaxBytes = 1 << 20;

        private static readonly Lazy<SiteProfile> Embedded = new Lazy<SiteProfile>(LoadEmbedded);

        /// <summary>The profile the module uses: the file ESPRISSH_SITE_PROFILE names, else the built-in ESPRI one.</summary>
        public static SiteProfile FromEnvironment()
        {
            string? path = Environment.GetEnvironmentVariable(EnvironmentVariable);
            return string.IsNullOrEmpty(path) ? Embedded.Value : Load(path!);
        }

        /// <summary>The built-in ESPRI profile (shared: never change it; Copy() gives one to change).</summary>
        public static SiteProfile Default => Embedded.Value;

        public static SiteProfile Load(string path)
        {
            string full = Path.GetFullPath(path);
            string json = BoundedFileReader.ReadTextIfExists(full, MaxBytes, "site profile")
                ?? throw new EspriException(ErrorIds.SiteProfileNotFound,
                    $"Site profile '{full}' does not exist. Give the path of a JSON profile (Get-EspriSite shows the fields), or omit -Path to use the built-in ESPRI profile.", full);
            return Parse(json, full);
        }

        /// <summary>
        /// Reads and validates a profile; <paramref name="source"/> names it in errors. Throws
        /// SiteProfileInvalid: not JSON, a field unknown, repeated or of the wrong kind (SiteProfileSchema),
        /// or a value the site cannot use (SiteProfileValidator).
        /// </summary>
        public static SiteProfile Parse(string json, string source)
        {
            SiteProfile? profile;
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json, SiteProfileJson.Options);
            }
            catch (JsonException ex)
            {
                throw new EspriException(ErrorIds.SiteProfileInvalid,
                    $"Site profile {UntrustedText.Quoted(source)} is not valid JSON ({ex.Message}). Fix the file or omit -Path to use the built-in profile.", source, ex);
            }

            using (document)
            {
                SiteProfileSchema.Check(document.RootElement, source);
                try
                {
                    profile = SiteProfileJson.Read(document.RootElement);
                }
                catch (JsonException ex)
                {
                    // Its messages name the field's path ("$.hosts[0] must be an object."), never a .NET type.
                    throw new EspriException(ErrorIds.SiteProfileInvalid,
                        $"Site profile {UntrustedText.Quoted(source)} is not usable: {ex.Message} Fix that field, or unset {EnvironmentVariable} (omit -Path) to use the built-in profile.", source, ex);
                }
            }

            if (profile == null)
            {
                throw SiteProfileValidator.Invalid(source, "the file", "is empty");
            }

            SiteProfileValidator.Validate(profile, source);
            profile.Source = source;
            return profile;
        }

        internal static SiteProfile CopyOf(SiteProfile profile) => new SiteProfile
        {
            Name = profile.Name,
            Description = profile.Description,
            DocumentationUrl = profile.DocumentationUrl,
            Support = new SupportInfo { Address = profile.Support.Address, ReportSubject = profile.Support.ReportSubject, ReportFileName = profile.Support.ReportFileName },
            DefaultHeadNode = profile.DefaultHeadNode,
            Hosts = profile.Hosts.Select(h => new SiteHost { Alias = h.Alias, HostName = h.HostName, Role = h.Role, Port = h.Port, Via = h.Via, Description = h.Description }).ToList(),
            HostKeyFingerprints = profile.HostKeyFingerprints.Select(f => new HostKeyFingerprint { HostName = f.HostName, KeyType = f.KeyType, Fingerprint = f.Fingerprint }).ToList(),
            KeyPolicy = profile.KeyPolicy.Select(r => new KeyPolicyRule { Type = r.Type, Verdict = r.Verdict, MinimumBits = r.MinimumBits, Reason = r.Reason }).ToList(),
            Source = profile.Source,
            IsBuiltIn = profile.IsBuiltIn,
        };

        private static SiteProfile LoadEmbedded()
        {
            using Stream stream = typeof(SiteProfileLoader).Assembly.GetManifestResourceStream(EmbeddedName)
                ?? throw new InvalidOperationException("The embedded site profile is missing from the build.");
            using var reader = new StreamReader(stream);
            SiteProfile profile = Parse(reader.ReadToEnd(), "built-in (ESPRI)");
            profile.IsBuiltIn = true;
            return profile;
        }
    }
}
