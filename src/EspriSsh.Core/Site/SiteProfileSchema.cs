using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Site
{
    /// <summary>
    /// A profile file's shape, checked before it is deserialized: every field is one the profile
    /// knows (a misspelt one is named, with the closest known field: silently ignoring it would
    /// leave the default in use), appears once, and holds the kind of value it needs, said in the
    /// profile's own words ("a whole number", "one of HeadNode, Remote"), never a .NET type name.
    /// The fields are the settable properties of the profile's classes: one source of truth.
    /// </summary>
    internal static class SiteProfileSchema
    {
        // Set by EspriSsh when it loads a file, not a field of the file.
        private static readonly string[] NotInFiles = { nameof(SiteProfile.Source) };

        /// <summary>Throws SiteProfileInvalid naming the first field that is unknown, repeated or of the wrong kind.</summary>
        public static void Check(JsonElement root, string source) => CheckValue(root, typeof(SiteProfile), "the file", source);

        private static void CheckValue(JsonElement value, Type type, string at, string source)
        {
            Type? nullable = Nullable.GetUnderlyingType(type);
            if (value.ValueKind == JsonValueKind.Null)
            {
                if (type.IsValueType && nullable == null)
                {
                    throw Wrong(at, type, value, source);
                }

                return; // the validator says which fields may not be missing
            }

            Type declared = type;
            type = nullable ?? type;
            bool fits = type == typeof(string) ? value.ValueKind == JsonValueKind.String
                : type == typeof(int) ? value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _)
                : type == typeof(bool) ? value.ValueKind == JsonValueKind.True || value.ValueKind == JsonValueKind.False
                : type.IsEnum ? value.ValueKind == JsonValueKind.String && Enum.GetNames(type).Any(n => string.Equals(n, value.GetString(), StringComparison.OrdinalIgnoreCase))
                : ItemType(type) != null ? value.ValueKind == JsonValueKind.Array
                : value.ValueKind == JsonValueKind.Object;
            if (!fits)
            {
                throw Wrong(at, declared, value, source);
            }

            if (ItemType(type) is Type item)
            {
                int i = 0;
                foreach (JsonElement element in value.EnumerateArray())
                {
                    CheckValue(element, item, $"{(at == "the file" ? "" : at)}[{i++}]", source);
                }
            }
            else if (value.ValueKind == JsonValueKind.Object)
            {
                CheckObject(value, type, at, source);
            }
        }

        private static void CheckObject(JsonElement value, Type type, string at, string source)
        {
            Dictionary<string, PropertyInfo> fields = Fields(type);
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (JsonProperty property in value.EnumerateObject())
            {
                string name = UntrustedText.Escape(property.Name);
                string where = at == "the file" ? $"the field '{name}'" : $"{at}.{name}";
                if (!fields.TryGetValue(property.Name, out PropertyInfo? field))
                {
                    string typed = property.Name.Length > 64 ? property.Name.Substring(0, 64) : property.Name; // bounds the comparison
                    string closest = fields.Keys.OrderBy(k => Distance(k.ToLowerInvariant(), typed.ToLowerInvariant())).ThenBy(k => k, StringComparer.Ordinal).First();
                    throw SiteProfileValidator.Invalid(source, where,
                        $"is not a field of {(at == "the file" ? "a site profile" : at)} (did you mean '{closest}'? The fields are {string.Join(", ", fields.Keys)})");
                }

                if (!seen.Add(property.Name))
                {
                    throw SiteProfileValidator.Invalid(source, where, "appears twice (only one value can count)");
                }

                CheckValue(property.Value, field.PropertyType, at == "the file" ? JsonName(field) : $"{at}.{JsonName(field)}", source);
            }
        }

        // A profile type's fields by their JSON names (camelCase, matched without case as the loader does).
        private static Dictionary<string, PropertyInfo> Fields(Type type) =>
            type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.GetSetMethod() != null && !(type == typeof(SiteProfile) && NotInFiles.Contains(p.Name)))
                .ToDictionary(JsonName, p => p, StringComparer.OrdinalIgnoreCase);

        private static string JsonName(PropertyInfo property) => char.ToLowerInvariant(property.Name[0]) + property.Name.Substring(1);

        private static Type? ItemType(Type type) =>
            type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0] : null;

        private static EspriException Wrong(string at, Type type, JsonElement value, string source)
        {
            string shown = value.ValueKind == JsonValueKind.String ? "the text \"" + Shorten(value.GetString()) + "\""
                : value.ValueKind == JsonValueKind.Object ? "an object {...}"
                : value.ValueKind == JsonValueKind.Array ? "a list [...]"
                : Shorten(value.GetRawText());
            return SiteProfileValidator.Invalid(source, at, $"must be {Expected(type)}, not {shown}");
        }

        private static string Expected(Type type)
        {
            Type? nullable = Nullable.GetUnderlyingType(type);
            string kind = (nullable ?? type) switch
            {
                Type t when t == typeof(string) => "text in quotes",
                Type t when t == typeof(int) => "a whole number",
                Type t when t == typeof(bool) => "true or false",
                Type t when t.IsEnum => "one of " + string.Join(", ", Enum.GetNames(t)) + " (in quotes)",
                Type t when ItemType(t) != null => "a list [...]",
                _ => "an object {...} with the fields " + string.Join(", ", Fields(nullable ?? type).Keys),
            };
            return nullable != null ? kind + " or null" : kind;
        }

        private static string Shorten(string? text)
        {
            string shown = UntrustedText.Escape(text);
            return shown.Length <= 40 ? shown : shown.Substring(0, 40) + "...";
        }

        // Levenshtein distance: how far a misspelt field is from each known one.
        private static int Distance(string a, string b)
        {
            int[] row = Enumerable.Range(0, b.Length + 1).ToArray();
            for (int i = 1; i <= a.Length; i++)
            {
                int diagonal = row[0];
                row[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int above = row[j];
                    row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                    diagonal = above;
                }
            }

            return row[b.Length];
        }
    }
}
