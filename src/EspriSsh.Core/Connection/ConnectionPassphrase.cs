using System.Linq;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Connection
{
    /// <summary>The passphrase of the keys a connection test will offer, asked before the test as ssh would.</summary>
    public static class ConnectionPassphrase
    {
        /// <summary>
        /// Asks once when someone can answer and a key to offer is encrypted; null otherwise (then the
        /// Authentication stage says the key needs its passphrase). The caller disposes the answer.
        /// </summary>
        public static Secret? AskIfNeeded(IUserInteraction ui, ConnectionPlan plan)
        {
            if (!ui.CanPrompt)
            {
                return null;
            }

            string? encrypted = new[] { plan.Jump, plan.Target }
                .Where(h => h != null)
                .SelectMany(h => h!.IdentityFiles)
                .FirstOrDefault(IsEncrypted);
            return encrypted == null ? null : ui.AskSecret(Question.ForPassphrase($"Passphrase of '{encrypted}'", encrypted, "Pass -Passphrase."));
        }

        private static bool IsEncrypted(string path)
        {
            try
            {
                return PrivateKeyFileReader.PeekFile(path).Encrypted;
            }
            catch (EspriException)
            {
                return false;
            }
        }
    }
}
