using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace EspriSsh.Core.Tests.Agent
{
    /// <summary>
    /// A real gpg-agent with enable-ssh-support in its own GNUPGHOME (a short path: the socket's name
    /// must fit in 108 bytes), run in the foreground and killed on Dispose. Its pinentry is a script, a
    /// scripted person: each dialog (passphrase or confirmation) is counted, then answered or cancelled
    /// after a delay. Passphrases are never cached, so every use of a key asks, as with a fresh login.
    /// </summary>
    internal sealed class GpgAgentProcess : IDisposable
    {
        public const string Tool = "gpg-agent";
        public const string Passphrase = "gpg protect pw";

        private readonly string home;
        private readonly ServerProcess process;

        public GpgAgentProcess(bool confirmEveryUse = false)
        {
            home = Path.Combine("/tmp", "eg-" + Guid.NewGuid().ToString("N").Substring(0, 8));
            Directory.CreateDirectory(home);
            ExternalTool.Check("chmod", "700", home);
            string pinentry = Path.Combine(home, "pinentry.sh");
            File.WriteAllText(pinentry,
                "#!/bin/sh\n" +
                "dir=$(dirname \"$0\")\n" +
                "echo OK ready\n" +
                "while read -r cmd rest; do\n" +
                "  case \"$cmd\" in\n" +
                "    GETPIN|CONFIRM)\n" +
                "      echo \"$cmd\" >> \"$dir/dialogs.log\"\n" +
                "      read delay answer < \"$dir/answer\"; sleep \"$delay\"\n" +
                "      if [ \"$answer\" = cancel ]; then echo 'ERR 83886179 Operation cancelled <Pinentry>';\n" +
                "      elif [ \"$cmd\" = GETPIN ]; then echo \"D " + Passphrase + "\"; echo OK; else echo OK; fi ;;\n" +
                "    BYE) echo OK; exit 0 ;;\n" +
                "    *) echo OK ;;\n" +
                "  esac\n" +
                "done\n");
            ExternalTool.Check("chmod", "755", pinentry);
            File.WriteAllLines(Path.Combine(home, "gpg-agent.conf"), new[]
            {
                "enable-ssh-support",
                "pinentry-program " + pinentry,
                "default-cache-ttl-ssh 0",
                "max-cache-ttl-ssh 0",
                "default-cache-ttl 0",
                "max-cache-ttl 0",
            });
            Answer(0, cancel: false);
            Socket = Path.Combine(home, "S.gpg-agent.ssh");
            process = new ServerProcess(Tool, $"--homedir {home} --no-detach --daemon", new Dictionary<string, string> { ["GNUPGHOME"] = home });
            process.WaitUntil(() => File.Exists(Socket), "create its ssh socket");
            ConfirmEveryUse = confirmEveryUse;
        }

        public string Socket { get; }

        /// <summary>Keys added from now on are marked "confirm" in sshcontrol (ssh-add -c does the same).</summary>
        public bool ConfirmEveryUse { get; }

        /// <summary>How the next dialogs are answered: after <paramref name="delaySeconds"/>, the passphrase (or OK), or Cancel.</summary>
        public void Answer(double delaySeconds, bool cancel) =>
            File.WriteAllText(Path.Combine(home, "answer"), delaySeconds.ToString("0.###", CultureInfo.InvariantCulture) + (cancel ? " cancel\n" : " ok\n"));

        /// <summary>The pinentry dialogs opened so far.</summary>
        public int Dialogs => File.Exists(Path.Combine(home, "dialogs.log")) ? File.ReadAllLines(Path.Combine(home, "dialogs.log")).Length : 0;

        public IDictionary<string, string> Environment() => new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = Socket, ["GNUPGHOME"] = home };

        /// <summary>ssh-add (or ssh) against this agent.</summary>
        public (int ExitCode, string Output, string Error) Run(string tool, params string[] args) => ExternalTool.RunWithEnvironment(tool, Environment(), args);

        public void Dispose()
        {
            process.Dispose();
            try
            {
                Directory.Delete(home, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
