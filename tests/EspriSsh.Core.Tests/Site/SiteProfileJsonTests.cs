using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.Json;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Site;

namespace EspriSsh.Core.Tests.Site
{
    public class SiteProfileJsonTests
    {
        [Fact]
        public void TheReaderAndTheCopyKeepEveryPropertyOfTheProfileClasses()
        {
            // Every settable property holds a value of its own, written by the serializer (PascalCase
            // names, enums as numbers): a property added to a profile class but not to the reader or
            // to CopyOf fails here.
            var full = (SiteProfile)Populated(typeof(SiteProfile));
            string json = JsonSerializer.Serialize(full);

            SiteProfile read = SiteProfileJson.Read(json)!;
            Assert.Equal(json, JsonSerializer.Serialize(read));
            Assert.Equal(json, JsonSerializer.Serialize(SiteProfileLoader.CopyOf(read)));
        }

        [Theory]
        [InlineData("\"port\": 22 }", "\"port\": \"22\" }", "hosts[0].port must be a whole number")]
        [InlineData("\"port\": 22 }", "\"port\": 22.5 }", "hosts[0].port must be a whole number")]
        [InlineData("\"role\": \"HeadNode\"", "\"role\": \"Login\"", "hosts[0].role must be one of HeadNode, Remote")]
        [InlineData("\"hosts\": [", "\"hosts\": 3, \"x\": [", "hosts must be a list")]
        [InlineData("\"name\": \"Test site\"", "\"name\": [\"Test site\"]", "name must be text")]
        public void AValueOfTheWrongKindIsSiteProfileInvalidNamingItsPath(string valid, string bad, string message)
        {
            Assert.Contains(valid, Profile);
            var ex = Assert.Throws<EspriException>(() => SiteProfileLoader.Parse(Profile.Replace(valid, bad), "test.json"));

            Assert.Equal(ErrorIds.SiteProfileInvalid, ex.ErrorId);
            Assert.Contains(message, ex.Message);
        }

        [Fact]
        public void NamesInAnyCaseCommentsTrailingCommasAndEnumNamesInAnyCaseAreAccepted()
        {
            string json = Profile.Replace("\"role\": \"HeadNode\"", "\"ROLE\": \"headnode\" /* a comment */").Replace("\"port\": 22 }", "\"port\": 22, }");

            SiteProfile site = SiteProfileLoader.Parse(json, "test.json");

            Assert.Equal(SiteHostRole.HeadNode, site.Hosts[0].Role);
            Assert.Equal(22, site.Hosts[0].Port);
        }

        private const string Profile = @"{
  ""name"": ""Test site"", ""defaultHeadNode"": ""login1"",
  ""hosts"": [ { ""alias"": ""login1"", ""hostName"": ""login1.example.org"", ""role"": ""HeadNode"", ""port"": 22 } ],
  ""keyPolicy"": [ { ""type"": ""ssh-ed25519"", ""verdict"": ""Preferred"", ""reason"": ""r"" } ]
}";

        private static object Populated(Type type)
        {
            object value = Activator.CreateInstance(type)!;
            foreach (PropertyInfo property in type.GetProperties().Where(p => p.SetMethod?.IsPublic == true))
            {
                property.SetValue(value, Sample(property.PropertyType, property.Name));
            }

            return value;
        }

        private static object Sample(Type type, string name)
        {
            Type underlying = Nullable.GetUnderlyingType(type) ?? type;
            if (underlying == typeof(string))
            {
                return "value of " + name;
            }

            if (underlying == typeof(int))
            {
                return name.Length * 7;
            }

            if (underlying.IsEnum)
            {
                return Enum.GetValues(underlying).Cast<object>().Last();
            }

            if (underlying.IsGenericType && underlying.GetGenericTypeDefinition() == typeof(List<>))
            {
                var list = (IList)Activator.CreateInstance(underlying)!;
                list.Add(Populated(underlying.GetGenericArguments()[0]));
                return list;
            }

            return Populated(underlying);
        }
    }
}
