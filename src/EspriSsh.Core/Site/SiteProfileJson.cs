using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;

namespace EspriSsh.Core.Site
{
    /// <summary>
    /// The site profile's JSON, read through JsonDocument into the profile classes. Every command reads
    /// the profile once per process: the serializer (reflection or generated) would first JIT-compile
    /// ~250 generic methods for a 3 KB file, the document reader none. Names in any case, comments,
    /// trailing commas, null where the type allows it (the validator then names the field). The loader
    /// has SiteProfileSchema check the document's shape first (unknown or repeated fields, values of the
    /// wrong kind, enums by name only); a value of the wrong kind met here anyway is a JsonException
    /// that names its path.
    /// </summary>
    internal static class SiteProfileJson
    {
        public static readonly JsonDocumentOptions Options = new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };

        /// <summary>The profile the text describes; null for a JSON null.</summary>
        public static SiteProfile? Read(string json)
        {
            using JsonDocument document = JsonDocument.Parse(json, Options);
            return Read(document.RootElement);
        }

        /// <summary>The profile a parsed document describes; null for a JSON null.</summary>
        public static SiteProfile? Read(JsonElement root) => root.ValueKind == JsonValueKind.Null ? null : ReadProfile(root);

        private static SiteProfile ReadProfile(JsonElement json)
        {
            var profile = new SiteProfile();
            foreach (JsonProperty p in Properties(json, "$"))
            {
                string at = "$." + p.Name;
                switch (p.Name.ToLowerInvariant())
                {
                    case "name": profile.Name = Text(p.Value, at)!; break;
                    case "description": profile.Description = Text(p.Value, at); break;
                    case "documentationurl": profile.DocumentationUrl = Text(p.Value, at); break;
                    case "support": profile.Support = p.Value.ValueKind == JsonValueKind.Null ? null! : ReadSupport(p.Value, at); break;
                    case "defaultheadnode": profile.DefaultHeadNode = Text(p.Value, at)!; break;
                    case "hosts": profile.Hosts = List(p.Value, at, ReadHost)!; break;
                    case "hostkeyfingerprints": profile.HostKeyFingerprints = List(p.Value, at, ReadFingerprint)!; break;
                    case "keypolicy": profile.KeyPolicy = List(p.Value, at, ReadRule)!; break;
                    case "source": profile.Source = Text(p.Value, at)!; break;
                }
            }

            return profile;
        }

        private static SupportInfo ReadSupport(JsonElement json, string path)
        {
            var support = new SupportInfo();
            foreach (JsonProperty p in Properties(json, path))
            {
                string at = path + "." + p.Name;
                switch (p.Name.ToLowerInvariant())
                {
                    case "address": support.Address = Text(p.Value, at)!; break;
                    case "reportsubject": support.ReportSubject = Text(p.Value, at)!; break;
                    case "reportfilename": support.ReportFileName = Text(p.Value, at)!; break;
                }
            }

            return support;
        }

        private static SiteHost ReadHost(JsonElement json, string path)
        {
            var host = new SiteHost();
            foreach (JsonProperty p in Properties(json, path))
            {
                string at = path + "." + p.Name;
                switch (p.Name.ToLowerInvariant())
                {
                    case "alias": host.Alias = Text(p.Value, at)!; break;
                    case "hostname": host.HostName = Text(p.Value, at)!; break;
                    case "role": host.Role = Enum<SiteHostRole>(p.Value, at); break;
                    case "port": host.Port = Number(p.Value, at) ?? throw Wrong(at, "a number"); break;
                    case "via": host.Via = Text(p.Value, at); break;
                    case "description": host.Description = Text(p.Value, at); break;
                }
            }

            return host;
        }

        private static HostKeyFingerprint ReadFingerprint(JsonElement json, string path)
        {
            var fingerprint = new HostKeyFingerprint();
            foreach (JsonProperty p in Properties(json, path))
            {
                string at = path + "." + p.Name;
                switch (p.Name.ToLowerInvariant())
                {
                    case "hostname": fingerprint.HostName = Text(p.Value, at)!; break;
                    case "keytype": fingerprint.KeyType = Text(p.Value, at)!; break;
                    case "fingerprint": fingerprint.Fingerprint = Text(p.Value, at)!; break;
                }
            }

            return fingerprint;
        }

        private static KeyPolicyRule ReadRule(JsonElement json, string path)
        {
            var rule = new KeyPolicyRule();
            foreach (JsonProperty p in Properties(json, path))
            {
                string at = path + "." + p.Name;
                switch (p.Name.ToLowerInvariant())
                {
                    case "type": rule.Type = Text(p.Value, at)!; break;
                    case "verdict": rule.Verdict = Enum<KeyPolicyVerdict>(p.Value, at); break;
                    case "minimumbits": rule.MinimumBits = Number(p.Value, at); break;
                    case "reason": rule.Reason = Text(p.Value, at)!; break;
                }
            }

            return rule;
        }

        private static JsonElement.ObjectEnumerator Properties(JsonElement json, string path) =>
            json.ValueKind == JsonValueKind.Object ? json.EnumerateObject() : throw Wrong(path, "an object");

        private static List<T>? List<T>(JsonElement json, string path, Func<JsonElement, string, T> read)
        {
            if (json.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (json.ValueKind != JsonValueKind.Array)
            {
                throw Wrong(path, "an array");
            }

            var items = new List<T>();
            foreach (JsonElement item in json.EnumerateArray())
            {
                items.Add(read(item, $"{path}[{items.Count}]"));
            }

            return items;
        }

        private static string? Text(JsonElement json, string path) => json.ValueKind switch
        {
            JsonValueKind.String => json.GetString(),
            JsonValueKind.Null => null,
            _ => throw Wrong(path, "a string"),
        };

        private static int? Number(JsonElement json, string path) => json.ValueKind switch
        {
            JsonValueKind.Number when json.TryGetInt32(out int value) => value,
            JsonValueKind.Null => null,
            _ => throw Wrong(path, "a whole number"),
        };

        private static T Enum<T>(JsonElement json, string path)
            where T : struct
        {
            string? text = json.ValueKind == JsonValueKind.String ? json.GetString()
                : json.ValueKind == JsonValueKind.Number && json.TryGetInt32(out int number) ? number.ToString(CultureInfo.InvariantCulture)
                : null;
            return text != null && System.Enum.TryParse(text, ignoreCase: true, out T value) && System.Enum.IsDefined(typeof(T), value)
                ? value
                : throw Wrong(path, "one of " + string.Join(", ", System.Enum.GetNames(typeof(T))));
        }

        private static JsonException Wrong(string path, string expected) => new JsonException($"{path} must be {expected}.");
    }
}
