using System;
using EspriSsh.Core.Config.Reading;
using EspriSsh.Core.Errors;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// Answers "what would ssh use for host X", as `ssh -G -F file X` does, for machines without ssh
    /// and where asking ssh would be too slow: the config is read line by line with OpenSSH's own
    /// checks (a file ssh refuses is refused), Host and Match decide what applies, the host name is
    /// settled (HostName, lower case, canonical addresses, CanonicalizeHostname), and the files are
    /// read again when a "Match final" or canonicalization asks for it.
    /// </summary>
    public static class SshConfigResolver
    {
        /// <summary>Resolves <paramref name="host"/> against a config file (as `ssh -G -F configPath host`). A missing file resolves to the defaults.</summary>
        public static ResolvedHostConfig Resolve(string configPath, string host, SshResolveOptions? options = null) =>
            Resolve(SshConfigDocument.Load(configPath) ?? SshConfigDocument.Empty(configPath), host, options);

        /// <summary>Resolves against a document in memory (an edit not yet written); its Includes are read from disk. ConfigInvalid when ssh would refuse it.</summary>
        public static ResolvedHostConfig Resolve(SshConfigDocument document, string host, SshResolveOptions? options = null) =>
            Read(document, host, options).ResolvedOrThrow();

        /// <summary>The whole reading: the settings, or what ssh would say instead.</summary>
        public static SshConfigReading Read(SshConfigDocument document, string host, SshResolveOptions? options = null)
        {
            if (string.IsNullOrWhiteSpace(host))
            {
                throw new EspriException(ErrorIds.ConfigHostUnknown, "Give the host name or alias to resolve.", host);
            }

            options ??= new SshResolveOptions();
            var state = new SshReadingState(host, options);
            var values = new SshOptionValues();
            ResolvedHostConfig? resolved = null;
            try
            {
                SshConfigDocument? system = options.SystemConfigPath == null ? null : SshConfigDocument.Load(options.SystemConfigPath);
                ReadFiles(new SshConfigPass(values, options, state, host, finalPass: false), document, system);
                string hostName = SshHostSettlement.Settle(values, state);
                string canonicalize = (values.First("canonicalizehostname")?.Arguments[0] ?? "no").ToLowerInvariant();
                if (state.WantsFinalPass || (canonicalize != "no" && canonicalize != "false"))
                {
                    state.FinalHost = hostName;
                    values.SettleHostName(hostName);
                    ReadFiles(new SshConfigPass(values, options, state, hostName, finalPass: true), document, system);
                }

                resolved = new ResolvedHostConfig(host, hostName, values, state, options);
                SshResolvedChecks.Check(resolved, values, state, options);
            }
            catch (SshConfigRefusal)
            {
                resolved = null;
            }

            return new SshConfigReading(host, resolved, state.Problems, state.NotJudged);
        }

        private static void ReadFiles(SshConfigPass pass, SshConfigDocument document, SshConfigDocument? system)
        {
            pass.Read(document);
            if (system != null)
            {
                pass.Read(system);
            }
        }
    }
}
