using System;
using System.Collections.Generic;

namespace EspriSsh.Core.Config.Grammar
{
    /// <summary>
    /// The keywords of ssh_config(5) as OpenSSH 9.2 knows them (readconf.c's keywords[], the table
    /// EspriSsh is verified against with `ssh -G`), with the GSSAPI key-exchange keywords that
    /// Debian, Ubuntu and Fedora builds add. A keyword missing here is a "Bad configuration option"
    /// unless IgnoreUnknown names it; later OpenSSH releases and Apple's build are named in the
    /// message (<see cref="KnownElsewhere"/>), since such a file works with that ssh only.
    /// </summary>
    internal static class SshKeywords
    {
        private static readonly string[] Flag = { "true", "false", "yes", "no" };
        private static readonly string[] YesNoAsk = { "true", "false", "yes", "no", "ask" };

        private static readonly Dictionary<string, SshKeyword> Table = Build();

        /// <summary>Keywords other ssh builds know, and which: said when this table refuses them.</summary>
        private static readonly Dictionary<string, string> Elsewhere = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["usekeychain"] = "only Apple's ssh on macOS (add \"IgnoreUnknown UseKeychain\" before it to share the file with other systems)",
            ["tag"] = "OpenSSH 9.4 and later",
            ["obscurekeystroketiming"] = "OpenSSH 9.5 and later",
            ["channeltimeout"] = "OpenSSH 9.6 and later",
            ["versionaddendum"] = "OpenSSH 10.0 and later",
            ["warnweakcrypto"] = "OpenSSH 10.1 and later",
            ["refuseconnection"] = "OpenSSH 10.1 and later",
        };

        /// <summary>The keyword as ssh looks it up (already lower-cased), or null for a bad option.</summary>
        public static SshKeyword? Find(string lowercaseKeyword) => Table.TryGetValue(lowercaseKeyword, out SshKeyword? keyword) ? keyword : null;

        /// <summary>Which ssh knows a keyword this table lacks; null when none we know of.</summary>
        public static string? KnownElsewhere(string lowercaseKeyword) => Elsewhere.TryGetValue(lowercaseKeyword, out string? where) ? where : null;

        private static Dictionary<string, SshKeyword> Build()
        {
            var table = new Dictionary<string, SshKeyword>(StringComparer.Ordinal);
            void Add(string name, SshOptionKind kind, IReadOnlyList<string>? choices = null, params string[] aliases)
            {
                var keyword = new SshKeyword(name, kind, choices);
                table[name] = keyword;
                foreach (string alias in aliases)
                {
                    table[alias] = keyword;
                }
            }

            void AddFlag(string name, params string[] aliases) => Add(name, SshOptionKind.Choice, Flag, aliases);

            Add("protocol", SshOptionKind.Ignore);
            foreach (string old in new[] { "cipher", "fallbacktorsh", "globalknownhostsfile2", "rhostsauthentication", "userknownhostsfile2", "useroaming", "usersh", "useprivilegedport" })
            {
                Add(old, SshOptionKind.Deprecated);
            }

            foreach (string gone in new[] { "afstokenpassing", "kerberosauthentication", "kerberostgtpassing", "rsaauthentication", "rhostsrsaauthentication", "compressionlevel" })
            {
                Add(gone, SshOptionKind.Unsupported);
            }

            AddFlag("gssapiauthentication");
            AddFlag("gssapidelegatecredentials");
            AddFlag("gssapikeyexchange");
            AddFlag("gssapirenewalforcesrekey");
            AddFlag("gssapitrustdns");
            Add("gssapiclientidentity", SshOptionKind.Text);
            Add("gssapiserveridentity", SshOptionKind.Text);
            Add("gssapikexalgorithms", SshOptionKind.GssKexAlgorithms);
            Add("pkcs11provider", SshOptionKind.Text, null, "smartcarddevice");
            Add("forwardagent", SshOptionKind.ForwardAgent);
            AddFlag("forwardx11");
            AddFlag("forwardx11trusted");
            Add("forwardx11timeout", SshOptionKind.Time);
            AddFlag("exitonforwardfailure");
            Add("xauthlocation", SshOptionKind.Text);
            AddFlag("gatewayports");
            AddFlag("passwordauthentication");
            AddFlag("kbdinteractiveauthentication", "challengeresponseauthentication", "skeyauthentication", "tisauthentication");
            Add("kbdinteractivedevices", SshOptionKind.Text);
            Add("pubkeyauthentication", SshOptionKind.Choice, new[] { "true", "false", "yes", "no", "unbound", "host-bound" }, "dsaauthentication");
            AddFlag("hostbasedauthentication");
            Add("identityfile", SshOptionKind.IdentityFile, null, "identityfile2");
            AddFlag("identitiesonly");
            Add("certificatefile", SshOptionKind.CertificateFile);
            Add("addkeystoagent", SshOptionKind.AddKeysToAgent);
            Add("identityagent", SshOptionKind.IdentityAgent);
            Add("hostname", SshOptionKind.Text);
            Add("hostkeyalias", SshOptionKind.Text);
            Add("proxycommand", SshOptionKind.Command);
            Add("port", SshOptionKind.Port);
            Add("ciphers", SshOptionKind.Ciphers);
            Add("macs", SshOptionKind.Macs);
            Add("remoteforward", SshOptionKind.RemoteForward);
            Add("localforward", SshOptionKind.LocalForward);
            Add("permitremoteopen", SshOptionKind.PermitRemoteOpen);
            Add("user", SshOptionKind.Text);
            Add("host", SshOptionKind.Host);
            Add("match", SshOptionKind.Match);
            Add("escapechar", SshOptionKind.EscapeChar);
            Add("globalknownhostsfile", SshOptionKind.FileList);
            Add("userknownhostsfile", SshOptionKind.FileList);
            Add("connectionattempts", SshOptionKind.Integer);
            AddFlag("batchmode");
            AddFlag("checkhostip");
            Add("stricthostkeychecking", SshOptionKind.Choice, new[] { "true", "false", "yes", "no", "ask", "off", "accept-new" });
            Add("compression", SshOptionKind.Choice, new[] { "yes", "no" });
            AddFlag("tcpkeepalive", "keepalive");
            Add("numberofpasswordprompts", SshOptionKind.Integer);
            Add("syslogfacility", SshOptionKind.SyslogFacility);
            Add("loglevel", SshOptionKind.LogLevel);
            Add("logverbose", SshOptionKind.WordList);
            Add("dynamicforward", SshOptionKind.DynamicForward);
            Add("preferredauthentications", SshOptionKind.Text);
            Add("hostkeyalgorithms", SshOptionKind.KeyAlgorithms);
            Add("casignaturealgorithms", SshOptionKind.KeyAlgorithms);
            Add("bindaddress", SshOptionKind.Text);
            Add("bindinterface", SshOptionKind.Text);
            AddFlag("clearallforwardings");
            AddFlag("enablesshkeysign");
            Add("verifyhostkeydns", SshOptionKind.Choice, YesNoAsk);
            AddFlag("nohostauthenticationforlocalhost");
            Add("rekeylimit", SshOptionKind.RekeyLimit);
            Add("connecttimeout", SshOptionKind.Time);
            Add("addressfamily", SshOptionKind.Choice, new[] { "inet", "inet6", "any" });
            Add("serveraliveinterval", SshOptionKind.Time);
            Add("serveralivecountmax", SshOptionKind.Integer);
            Add("sendenv", SshOptionKind.SendEnv);
            Add("setenv", SshOptionKind.SetEnv);
            Add("controlpath", SshOptionKind.Text);
            Add("controlmaster", SshOptionKind.Choice, new[] { "true", "yes", "false", "no", "auto", "ask", "autoask" });
            Add("controlpersist", SshOptionKind.ControlPersist);
            AddFlag("hashknownhosts");
            Add("include", SshOptionKind.Include);
            Add("tunnel", SshOptionKind.Choice, new[] { "ethernet", "point-to-point", "true", "yes", "false", "no" });
            Add("tunneldevice", SshOptionKind.TunnelDevice);
            Add("localcommand", SshOptionKind.Command);
            AddFlag("permitlocalcommand");
            Add("remotecommand", SshOptionKind.Command);
            AddFlag("visualhostkey");
            Add("kexalgorithms", SshOptionKind.KexAlgorithms);
            Add("ipqos", SshOptionKind.IpQos);
            Add("requesttty", SshOptionKind.Choice, new[] { "true", "yes", "false", "no", "force", "auto" });
            Add("sessiontype", SshOptionKind.Choice, new[] { "none", "subsystem", "default" });
            AddFlag("stdinnull");
            AddFlag("forkafterauthentication");
            AddFlag("proxyusefdpass");
            Add("canonicaldomains", SshOptionKind.CanonicalDomains);
            AddFlag("canonicalizefallbacklocal");
            Add("canonicalizehostname", SshOptionKind.Choice, new[] { "true", "false", "yes", "no", "always" });
            Add("canonicalizemaxdots", SshOptionKind.Integer);
            Add("canonicalizepermittedcnames", SshOptionKind.PermittedCnames);
            Add("streamlocalbindmask", SshOptionKind.StreamLocalBindMask);
            AddFlag("streamlocalbindunlink");
            Add("revokedhostkeys", SshOptionKind.Text);
            Add("fingerprinthash", SshOptionKind.FingerprintHash);
            Add("updatehostkeys", SshOptionKind.Choice, YesNoAsk);
            Add("hostbasedacceptedalgorithms", SshOptionKind.KeyAlgorithms, null, "hostbasedkeytypes");
            Add("pubkeyacceptedalgorithms", SshOptionKind.KeyAlgorithms, null, "pubkeyacceptedkeytypes");
            Add("ignoreunknown", SshOptionKind.Text);
            Add("proxyjump", SshOptionKind.ProxyJump);
            Add("securitykeyprovider", SshOptionKind.Text);
            Add("knownhostscommand", SshOptionKind.Command);
            Add("requiredrsasize", SshOptionKind.Integer);
            AddFlag("enableescapecommandline");
            return table;
        }
    }
}
