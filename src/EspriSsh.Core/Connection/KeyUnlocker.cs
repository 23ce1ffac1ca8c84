using System;
using System.Collections.Generic;
using EspriSsh.Core.Display;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// Asks for the passphrase of a key the server is about to need, as ssh does: up to three tries,
    /// an empty answer skips the key. Runs on the test's thread (through the PromptRelay).
    /// </summary>
    internal sealed class KeyUnlocker
    {
        private const int Tries = 3;

        private readonly IUserInteraction interaction;
        private readonly PrivateKeyLoader loadKey;

        // Asked once per test: a key unlocked (or skipped) for a jump host is not asked again for the next hop.
        private readonly Dictionary<string, (SshPrivateKey? Key, string? Problem, string? ProblemId)> answers =
            new Dictionary<string, (SshPrivateKey?, string?, string?)>(StringComparer.Ordinal);

        public KeyUnlocker(IUserInteraction interaction, PrivateKeyLoader loadKey)
        {
            this.interaction = interaction;
            this.loadKey = loadKey;
        }

        /// <summary>The decrypted key of the identity's file, or null with why it was skipped in its Problem.</summary>
        public SshPrivateKey? Unlock(LoadedIdentity identity)
        {
            if (!answers.TryGetValue(identity.Path, out var answer))
            {
                SshPrivateKey? key = Unlock(identity.Path, out string? problem, out string? problemId);
                answers[identity.Path] = answer = (key, problem, problemId);
            }

            identity.Key = answer.Key;
            (identity.Problem, identity.ProblemId) = answer.Key == null ? (answer.Problem, answer.ProblemId) : (null, null);
            return answer.Key;
        }

        private SshPrivateKey? Unlock(string path, out string? problem, out string? problemId)
        {
            problem = problemId = null;
            for (int attempt = 1; attempt <= Tries; attempt++)
            {
                Secret secret;
                try
                {
                    secret = interaction.AskSecret(Question.ForPassphrase($"Passphrase of {UntrustedText.Quoted(path)} (empty to skip this key)", path,
                        "Pass -Passphrase, or add the key to the agent once (Install-EspriKey -AddToAgent, or ssh-add)."));
                }
                catch (PassphraseRequiredException ex)
                {
                    (problem, problemId) = (ex.Message, ex.ErrorId);
                    return null;
                }

                using (secret)
                {
                    if (secret.IsEmpty)
                    {
                        (problem, problemId) = ($"{UntrustedText.Quoted(path)} was skipped: no passphrase was typed for it.", ErrorIds.PassphraseRequired);
                        return null;
                    }

                    try
                    {
                        return loadKey(path, secret.Utf8);
                    }
                    catch (WrongPassphraseException ex)
                    {
                        (problem, problemId) = (ex.Message, ErrorIds.KeyWrongPassphrase);
                        if (attempt < Tries)
                        {
                            interaction.Warn($"That passphrase does not open {UntrustedText.Quoted(path)}. Try again.");
                        }
                    }
                    catch (EspriException ex)
                    {
                        (problem, problemId) = (ex.Message, ex.ErrorId);
                        return null;
                    }
                }
            }

            return null;
        }
    }
}
