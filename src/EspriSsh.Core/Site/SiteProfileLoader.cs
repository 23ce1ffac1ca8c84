using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Files;

namespace EspriSsh.Core.Site
{
    /// <summary>Reads a site profile: the embedded ESPRI one, or a JSON file given by the user.</summary>
    public static class SiteProfileLoader
    {
        private const string EmbeddedName = "EspriSsh.Core.Site.espri-site.json";

        /// <summary>The built-in profile is 3 KB; a site with hundreds of hosts still fits.</summary>
        private const int MaxBytes = 1 << 20;
        private static readonly Lazy<SiteProfile> Embedded = new Lazy<SiteProfile>(LoadEmbedded);

        private static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            Converters = { new JsonStringEnumConverter() },
        };

        /// <summary>The profile the module uses: ESPRISSH_SITE_PROFILE when set, else the embedded ESPRI one.</summary>
        public static SiteProfile Current
        {
            get
            {
                string? path = Environment.GetEnvironmentVariable("ESPRISSH_SITE_PROFILE");
                return string.IsNullOrEmpty(path) ? Embedded.Value : Load(path!);
            }
        }

        public static SiteProfile Default => Embedded.Value;

        public static SiteProfile Load(string path)
        {
            string full = Path.GetFullPath(path);
            string json = BoundedFileReader.ReadTextIfExists(full, MaxBytes, "site profile")
                ?? throw new EspriException(ErrorIds.SiteProfileNotFound, EspriErrorCategory.ObjectNotFound,
                    $"Site profile '{full}' does not exist. Give the path of a JSON profile (Get-EspriSite shows the fields), or omit -Path to use the built-in ESPRI profile.", full);
            return Parse(json, full);
        }

        public static SiteProfile Parse(string json, string source)
        {
            SiteProfile? profile;
            try
            {
                profile = JsonSerializer.Deserialize<SiteProfile>(json, Options);
            }
            catch (JsonException ex)
            {
                throw new EspriException(ErrorIds.SiteProfileInvalid, EspriErrorCategory.InvalidData,
                    $"Site profile '{source}' is not valid JSON ({ex.Message}). Fix the file or omit -Path to use the built-in profile.", source, ex);
            }

            Validate(profile, source);
            profile!.Source = source;
            return profile;
        }

        private static void Validate(SiteProfile? profile, string source)
        {
            string? problem =
                profile == null ? "the file is empty" :
                profile.Hosts.Count == 0 ? "it lists no hosts" :
                profile.Hosts.Any(h => string.IsNullOrWhiteSpace(h.Alias) || string.IsNullOrWhiteSpace(h.HostName)) ? "a host has no alias or hostName" :
                profile.KeyPolicy.Count == 0 ? "it has no keyPolicy" :
                profile.FindHost(profile.DefaultHeadNode) == null ? $"defaultHeadNode '{profile.DefaultHeadNode}' is not one of its hosts" :
                profile.Hosts.FirstOrDefault(h => h.Via != null && profile.FindHost(h.Via) == null) is SiteHost bad ? $"host '{bad.Alias}' goes via '{bad.Via}', which is not one of its hosts" :
                null;
            if (problem != null)
            {
                throw new EspriException(ErrorIds.SiteProfileInvalid, EspriErrorCategory.InvalidData,
                    $"Site profile '{source}' is not usable: {problem}.", source);
            }
        }

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
