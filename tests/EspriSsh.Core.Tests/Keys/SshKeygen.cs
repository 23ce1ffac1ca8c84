using System.IO;

namespace EspriSsh.Core.Tests.Keys
{
    /// <summary>ssh-keygen as the reference the key tests compare against.</summary>
    internal static class SshKeygen
    {
        public const string Tool = "ssh-keygen";

        /// <summary>A fresh key made by ssh-keygen (-a 2 keeps encrypted cases fast).</summary>
        public static string Make(TempDirectory dir, string name, string type, string passphrase, params string[] extra) =>
            Make(dir.File(name), type, passphrase, extra);

        /// <summary>A fresh key made by ssh-keygen at <paramref name="path"/>.</summary>
        public static string Make(string path, string type, string passphrase, params string[] extra)
        {
            var args = new System.Collections.Generic.List<string> { "-q", "-t", type, "-N", passphrase, "-C", "made-by-ssh-keygen", "-f", path };
            if (passphrase.Length > 0)
            {
                args.AddRange(new[] { "-a", "2" });
            }

            args.AddRange(extra);
            ExternalTool.Check(Tool, args.ToArray());
            return path;
        }

        /// <summary>The public line ssh-keygen derives from a private key file (type and base64, no comment).</summary>
        public static string PublicFromPrivate(string path, string passphrase)
        {
            string output = ExternalTool.Check(Tool, "-y", "-P", passphrase, "-f", path).Trim();
            string[] parts = output.Split(' ');
            return parts[0] + " " + parts[1];
        }

        public static string PublicLineWithoutComment(string pubPath) => WithoutComment(File.ReadAllText(pubPath).Trim());

        /// <summary>"type base64" of a public key line (what ssh-keygen -y prints), the comment dropped.</summary>
        public static string WithoutComment(string line)
        {
            string[] parts = line.Split(' ');
            return parts[0] + " " + parts[1];
        }
    }
}
