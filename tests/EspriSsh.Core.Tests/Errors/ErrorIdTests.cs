using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Tests.Architecture;

namespace EspriSsh.Core.Tests.Errors
{
    /// <summary>
    /// The ErrorId table: scripts match on the ids and their categories, so they never change silently.
    /// tests/Snapshots/ErrorIds.txt is the committed contract; any difference fails, and adding an id
    /// means adding its line there (reviewed like an API change).
    /// </summary>
    public class ErrorIdTests
    {
        private static readonly string SnapshotPath = Path.Combine(SourceTree.Root, "tests", "Snapshots", "ErrorIds.txt");

        [Fact]
        public void EveryErrorIdConstantHasACategoryAndEveryCategorizedIdIsAConstant()
        {
            string[] constants = typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral)
                .Select(f => (string)f.GetRawConstantValue())
                .ToArray();
            Assert.All(typeof(ErrorIds).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral),
                f => Assert.Equal(f.Name, f.GetRawConstantValue()));

            Assert.Equal(constants.OrderBy(id => id, StringComparer.Ordinal), ErrorIds.All.Keys.OrderBy(id => id, StringComparer.Ordinal));
        }

        [Fact]
        public void TheErrorIdTableEqualsTheCommittedSnapshot()
        {
            Dictionary<string, string> committed = File.ReadAllLines(SnapshotPath)
                .Where(line => line.Length > 0 && !line.StartsWith("#", StringComparison.Ordinal))
                .Select(line => line.Split('\t'))
                .ToDictionary(fields => fields[0], fields => fields[1], StringComparer.Ordinal);
            Dictionary<string, string> current = ErrorIds.All.ToDictionary(e => e.Key, e => e.Value.ToString(), StringComparer.Ordinal);

            Assert.True(SnapshotDifferences(committed, current).Count == 0,
                $"ErrorIds differ from {SourceTree.Relative(SnapshotPath)} (ids are never renamed or removed, nor their category changed; a new id gets its line there):\n"
                + string.Join("\n", SnapshotDifferences(committed, current)));
        }

        [Fact]
        public void TheSnapshotComparisonRejectsARenamedARemovedARecategorizedAndANewId()
        {
            var committed = new Dictionary<string, string> { ["KeyFileExists"] = "ResourceExists", ["KeyTooSmall"] = "InvalidData", ["AgentLocked"] = "PermissionDenied" };
            var current = new Dictionary<string, string> { ["KeyFileAlreadyExists"] = "ResourceExists", ["AgentLocked"] = "SecurityError", ["NewId"] = "InvalidData" };

            Assert.Equal(
                new[]
                {
                    "removed or renamed: KeyFileExists",
                    "removed or renamed: KeyTooSmall",
                    "category changed: AgentLocked PermissionDenied -> SecurityError",
                    "not in the snapshot: KeyFileAlreadyExists\tResourceExists",
                    "not in the snapshot: NewId\tInvalidData",
                },
                SnapshotDifferences(committed, current));
        }

        [Fact]
        public void ARaiseTakesItsCategoryFromTheTable()
        {
            Assert.Equal(EspriErrorCategory.InvalidArgument, new EspriException(ErrorIds.KeyTypeRefused, "m").Category);
            Assert.Equal(EspriErrorCategory.WriteError, new EspriException(ErrorIds.FileWriteFailed, "m").Category);
            Assert.Equal(EspriErrorCategory.InvalidData, new EspriException(ErrorIds.ConfigInvalid, "m").Category);
            Assert.Equal(EspriErrorCategory.InvalidOperation, new PassphraseRequiredException("m", null).Category);
        }

        [Fact]
        public void AnIdMissingFromTheTableIsRefused()
        {
            ArgumentException ex = Assert.Throws<ArgumentException>(() => new EspriException("SomethingNew", "m"));
            Assert.Contains("'SomethingNew' is not an ErrorId", ex.Message);
        }

        [Fact]
        public void BothWrongPassphraseIdsAreOneExceptionTypeToldApartByTheirId()
        {
            EspriException key = WrongPassphraseException.OfKeyFile("m", "k");
            EspriException ppk = WrongPassphraseException.OfPpkFile("m", "k.ppk");

            Assert.Equal((ErrorIds.KeyWrongPassphrase, EspriErrorCategory.AuthenticationError), (key.ErrorId, key.Category));
            Assert.Equal((ErrorIds.PpkWrongPassphrase, EspriErrorCategory.AuthenticationError), (ppk.ErrorId, ppk.Category));
        }

        [Fact]
        public void TheUnexpectedErrorAdviceWorksInWindowsPowerShell51()
        {
            EspriException ex = EspriException.Unexpected(new InvalidOperationException("boom"));

            Assert.Equal((ErrorIds.UnexpectedError, EspriErrorCategory.NotSpecified), (ex.ErrorId, ex.Category));
            Assert.Contains("$Error[0] | Format-List * -Force", ex.Message);
            Assert.DoesNotContain("Get-Error", ex.Message); // a cmdlet of PowerShell 7 only
        }

        private static List<string> SnapshotDifferences(IReadOnlyDictionary<string, string> committed, IReadOnlyDictionary<string, string> current)
        {
            var differences = new List<string>();
            differences.AddRange(committed.Keys.Where(id => !current.ContainsKey(id)).OrderBy(id => id, StringComparer.Ordinal).Select(id => "removed or renamed: " + id));
            differences.AddRange(committed.Where(e => current.TryGetValue(e.Key, out string now) && now != e.Value)
                .OrderBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => $"category changed: {e.Key} {e.Value} -> {current[e.Key]}"));
            differences.AddRange(current.Where(e => !committed.ContainsKey(e.Key)).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"not in the snapshot: {e.Key}\t{e.Value}"));
            return differences;
        }
    }
}
