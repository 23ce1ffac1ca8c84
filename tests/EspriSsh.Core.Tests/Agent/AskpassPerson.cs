using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace EspriSsh.Core.Tests.Agent
{
    /// <summary>
    /// A person behind OpenSSH's SSH_ASKPASS (forced, DISPLAY set): each confirmation dialog the agent
    /// opens (ssh-add -c) is counted, then answered yes or no after a delay, as scripted. The script
    /// reads its answer from a file, so one agent serves several answers in a test.
    /// </summary>
    internal sealed class AskpassPerson : System.IDisposable
    {
        private readonly TempDirectory directory = new TempDirectory();

        public AskpassPerson()
        {
            Script = directory.File("askpass.sh");
            File.WriteAllText(Script,
                "#!/bin/sh\n" +
                "dir=$(dirname \"$0\")\n" +
                "echo \"$SSH_ASKPASS_PROMPT $*\" | tr '\\n' ' ' >> \"$dir/dialogs.log\"; echo >> \"$dir/dialogs.log\"\n" +
                "read delay answer < \"$dir/answer\"\n" +
                "sleep \"$delay\"\n" +
                "[ \"$answer\" = yes ] && { echo yes; exit 0; }\n" +
                "exit 1\n");
            ExternalTool.Check("chmod", "755", Script);
            Answer(0, yes: true);
        }

        public string Script { get; }

        /// <summary>What the agent needs in its environment to ask through this script.</summary>
        public IDictionary<string, string> Environment => new Dictionary<string, string>
        {
            ["SSH_ASKPASS"] = Script,
            ["SSH_ASKPASS_REQUIRE"] = "force",
            ["DISPLAY"] = ":0",
        };

        /// <summary>How the next dialogs are answered.</summary>
        public void Answer(double delaySeconds, bool yes) =>
            File.WriteAllText(directory.File("answer"), delaySeconds.ToString("0.###", CultureInfo.InvariantCulture) + (yes ? " yes\n" : " no\n"));

        /// <summary>The confirmation dialogs opened so far (each one the person had to answer).</summary>
        public int Dialogs => File.Exists(directory.File("dialogs.log"))
            ? File.ReadAllLines(directory.File("dialogs.log")).Count(l => l.StartsWith("confirm", System.StringComparison.Ordinal))
            : 0;

        public void Dispose() => directory.Dispose();
    }
}
