using System;
using System.IO;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Files;
using EspriSsh.Core.Interaction;
using EspriSsh.Core.Keys;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Workflows.Setup
{
    /// <summary>What the steps of one setup run share: who to ask, the site, and what earlier steps found.</summary>
    internal sealed class SetupContext : IDisposable
    {
        public SetupContext(IUserInteraction ui, SiteProfile site, SetupRequest request, SshAgent agent, IClipboard clipboard)
        {
            Ui = ui;
            Site = site;
            Request = request;
            Agent = agent;
            Clipboard = clipboard;
            Passphrase = request.Passphrase?.Copy();
        }

        public IUserInteraction Ui { get; }

        public SiteProfile Site { get; }

        public SetupRequest Request { get; }

        public SshAgent Agent { get; }

        public IClipboard Clipboard { get; }

        public string ConfigPath => SshDirectory.ConfigFile(Request.SshDirectory, Request.ConfigPath);

        /// <summary>The key chosen or made; under -WhatIf, where it would be made. Null when no key could be settled.</summary>
        public string? KeyPath { get; set; }

        /// <summary>The key is on disk (not only planned).</summary>
        public bool KeyOnDisk { get; set; }

        /// <summary>This run wrote the key (made or installed it): its public line is new.</summary>
        public bool KeyWritten { get; set; }

        public SshPublicKey? PublicKey { get; set; }

        public string? Fingerprint => PublicKey == null ? null : KeyFingerprint.Sha256(PublicKey.Blob);

        /// <summary>The passphrase that opens the key, once known (given, typed for a new key, or asked); owned here.</summary>
        public Secret? Passphrase { get; private set; }

        /// <summary>The login the aliases were written with; null when there is none yet.</summary>
        public string? User { get; set; }

        /// <summary>The aliases are in the ssh config as the site wants them.</summary>
        public bool ConfigInPlace { get; set; }

        /// <summary>The host alias whose connection test failed (the report tests it again).</summary>
        public string? FailedHost { get; set; }

        public string? ReportPath { get; set; }

        /// <summary>
        /// Opens the private key at <paramref name="path"/> with the passphrase this run knows, else asks
        /// for it (PassphraseRequiredException when nobody can answer), and keeps the one that opened it.
        /// </summary>
        public PrivateKeyFile OpenKey(string path)
        {
            (PrivateKeyFile key, Secret? used) = KeyPassphrases.UnlockKeeping(Ui, bytes => PrivateKeyFileReader.ReadFile(path, bytes, Ui.Cancellation), Passphrase, path);
            using (used)
            {
                RememberPassphrase(used);
            }

            return key;
        }

        /// <summary>Keeps a copy of the passphrase that opened the key (the caller still owns <paramref name="passphrase"/>).</summary>
        public void RememberPassphrase(Secret? passphrase)
        {
            if (passphrase != null && !passphrase.IsEmpty && Passphrase?.SameAs(passphrase) != true)
            {
                Passphrase?.Dispose();
                Passphrase = passphrase.Copy();
            }
        }

        public void Dispose() => Passphrase?.Dispose();
    }
}
