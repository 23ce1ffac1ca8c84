using System.Threading.Tasks;
using EspriSsh.Core.Config;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Connection
{
    /// <summary>
    /// The installed ssh's verdict on the config for one host, asked (`ssh -G`) on another thread when
    /// EspriSsh's own reading accepted the file: that reading follows OpenSSH 9.2, and the user's ssh
    /// may be older (Windows 10 ships 8.1) and refuse a keyword 9.2 knows. The test goes on with the
    /// reading's settings meanwhile; the Config stage takes the verdict before any host is contacted.
    /// </summary>
    public sealed class PendingSshVerdict
    {
        private readonly Task<SshConfigVerdict> verdict;

        internal PendingSshVerdict(SshToolLocation ssh, string configPath, string alias, SshResolveOptions options)
        {
            Alias = alias;
            verdict = Task.Run(() => new SshConfigJudge(ssh).Judge(configPath, alias, options));
        }

        /// <summary>The host the config was judged for.</summary>
        public string Alias { get; }

        /// <summary>ssh's verdict, waited for (ssh -G answers at once; a Match exec that hangs is stopped by the judge's limit).</summary>
        public SshConfigVerdict Verdict => verdict.GetAwaiter().GetResult();
    }
}
