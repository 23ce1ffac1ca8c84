using System.Collections.Generic;

namespace EspriSsh.Core.Config
{
    /// <summary>
    /// The readings one edit needs, each done once: planning reads the file as it is and the edited text
    /// for each alias several times over (the check before the edit, the kept route, the overrides, the
    /// check after it), and on a config of thousands of lines every reading is a pass over all of them.
    /// A document is never changed once read (an edit makes a new one), so a reading of it stays true.
    /// </summary>
    internal sealed class SshConfigReadings
    {
        private readonly List<(SshConfigDocument Document, string Host, SshConfigReading Reading)> done = new List<(SshConfigDocument, string, SshConfigReading)>();

        public SshConfigReadings(SshResolveOptions options) => Options = options;

        public SshResolveOptions Options { get; }

        public SshConfigReading Read(SshConfigDocument document, string host)
        {
            foreach (var (readDocument, readHost, reading) in done)
            {
                if (ReferenceEquals(readDocument, document) && readHost == host)
                {
                    return reading;
                }
            }

            SshConfigReading fresh = SshConfigResolver.Read(document, host, Options);
            done.Add((document, host, fresh));
            return fresh;
        }
    }
}
