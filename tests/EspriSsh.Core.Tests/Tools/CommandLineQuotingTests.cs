using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using EspriSsh.Core.Tools;

namespace EspriSsh.Core.Tests.Tools
{
    /// <summary>
    /// The quoting the netstandard2.0 build uses to start ssh-keygen, ssh-add and sc.exe on Windows,
    /// checked on any OS against the documented Microsoft C runtime rules ("Parsing C++ command-line
    /// arguments"), implemented here independently.
    /// </summary>
    public class CommandLineQuotingTests
    {
        [Theory]
        [InlineData("abc", "abc")]
        [InlineData(@"C:\Users\me\.ssh\id_ed25519", @"C:\Users\me\.ssh\id_ed25519")]
        [InlineData("a b", "\"a b\"")]
        [InlineData("", "\"\"")]
        [InlineData("a\"b", "\"a\\\"b\"")]
        [InlineData(@"C:\Program Files\OpenSSH\", "\"C:\\Program Files\\OpenSSH\\\\\"")]
        [InlineData("a\\\\\"b", "\"a\\\\\\\\\\\"b\"")]
        [InlineData("tab\there", "\"tab\there\"")]
        public void QuotesOnlyWhatNeedsIt(string argument, string expected) =>
            Assert.Equal(expected, CommandLineQuoting.Quote(argument));

        [Fact]
        public void EveryArgumentComesBackIntactFromTheCRuntimeRules()
        {
            var random = new Random(19);
            const string alphabet = "ab \\\"\t'%é";
            for (int n = 0; n < 2000; n++)
            {
                string[] arguments = Enumerable.Range(0, random.Next(1, 5))
                    .Select(_ => new string(Enumerable.Range(0, random.Next(0, 8)).Select(__ => alphabet[random.Next(alphabet.Length)]).ToArray()))
                    .ToArray();
                string commandLine = string.Join(" ", arguments.Select(CommandLineQuoting.Quote));
                Assert.Equal(arguments, SplitAsTheCRuntimeDoes(commandLine));
            }
        }

        // The C runtime's rules for the arguments after the program name: 2n backslashes before a quote
        // give n and the quote toggles quoting; 2n+1 give n and a literal quote; other backslashes are
        // literal; "" inside quotes is a literal quote.
        private static List<string> SplitAsTheCRuntimeDoes(string commandLine)
        {
            var arguments = new List<string>();
            int i = 0;
            while (true)
            {
                while (i < commandLine.Length && (commandLine[i] == ' ' || commandLine[i] == '\t'))
                {
                    i++;
                }

                if (i == commandLine.Length)
                {
                    return arguments;
                }

                var argument = new StringBuilder();
                bool quoted = false;
                for (; i < commandLine.Length && (quoted || (commandLine[i] != ' ' && commandLine[i] != '\t')); i++)
                {
                    int backslashes = 0;
                    while (i < commandLine.Length && commandLine[i] == '\\')
                    {
                        backslashes++;
                        i++;
                    }

                    if (i < commandLine.Length && commandLine[i] == '"')
                    {
                        argument.Append('\\', backslashes / 2);
                        if (backslashes % 2 == 1)
                        {
                            argument.Append('"');
                        }
                        else if (quoted && i + 1 < commandLine.Length && commandLine[i + 1] == '"')
                        {
                            argument.Append('"');
                            i++;
                        }
                        else
                        {
                            quoted = !quoted;
                        }
                    }
                    else
                    {
                        argument.Append('\\', backslashes);
                        if (i < commandLine.Length && (quoted || (commandLine[i] != ' ' && commandLine[i] != '\t')))
                        {
                            argument.Append(commandLine[i]);
                        }
                        else
                        {
                            i--;
                        }
                    }
                }

                arguments.Add(argument.ToString());
            }
        }
    }
}
