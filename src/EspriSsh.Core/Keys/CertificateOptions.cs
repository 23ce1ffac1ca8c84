using System;
using System.Collections.Generic;

namespace EspriSsh.Core.Keys
{
    /// <summary>
    /// A certificate's critical options and extensions: (name, data) pairs, read as ssh-keygen -L reads
    /// them (ssh-keygen.c show_options). force-command and source-address hold exactly one string;
    /// the flags (verify-required, permit-pty...) hold nothing; data of other names is opaque. A pair
    /// that breaks these rules makes ssh-keygen -L stop ("Option corrupt"): the certificate is damaged.
    /// </summary>
    internal static class CertificateOptions
    {
        private static readonly string[] CriticalWithText = { "force-command", "source-address" };
        private static readonly string[] CriticalFlags = { "verify-required" };
        private static readonly string[] ExtensionFlags =
        {
            "permit-X11-forwarding", "permit-agent-forwarding", "permit-port-forwarding", "permit-pty", "permit-user-rc", "no-touch-required",
        };

        /// <summary>The names, in order; FormatException naming the option when one is malformed.</summary>
        public static string[] Names(byte[] packed, bool critical)
        {
            var reader = new SshWireReader(packed);
            var names = new List<string>();
            while (!reader.AtEnd)
            {
                string name = reader.ReadCString();
                var data = new SshWireReader(reader.ReadString());
                if (critical && Array.IndexOf(CriticalWithText, name) >= 0)
                {
                    data.ReadCString();
                }

                bool known = critical ? Array.IndexOf(CriticalWithText, name) >= 0 || Array.IndexOf(CriticalFlags, name) >= 0 : Array.IndexOf(ExtensionFlags, name) >= 0;
                if (known && !data.AtEnd)
                {
                    throw new FormatException($"its {(critical ? "critical option" : "extension")} '{name}' holds data it should not (extra bytes)");
                }

                names.Add(name);
            }

            return names.ToArray();
        }
    }
}
