using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using EspriSsh.Core.Agent;
using EspriSsh.Core.Errors;
using EspriSsh.Core.Site;
using EspriSsh.Core.Tests.Agent;
using EspriSsh.Core.Tests.Interaction;
using EspriSsh.Core.Tests.Keys;
using EspriSsh.Core.Tools;
using EspriSsh.Core.Workflows.Setup;
using static EspriSsh.Core.Workflows.Setup.SetupStepStatus;

namespace EspriSsh.Core.Tests.Workflows
{
    /// <summary>
    /// Start-EspriSetup's workflow, one branch per test, driven with scripted answers in a sandbox
    /// home. Keys come from ssh-keygen and puttygen, and what the setup wrote is checked with them.
    /// The connection and report steps run against a real sshd in tests/Start-EspriSetup.Tests.ps1.
    /// </summary>
    [Collection(PuttygenKeysCollection.Name)]
    public sealed class SetupWorkflowTests : IDisposable
    {
        private const string Pass = "espri pass";
        private readonly TempDirectory home = new TempDirectory();
        private readonly FakeClipboard clipboard = new FakeClipboard();
        private readonly PuttygenKeys puttygen;

        public SetupWorkflowTests(PuttygenKeys puttygen)
        {
            this.puttygen = puttygen;
            Directory.CreateDirectory(Ssh);
        }

        private string Ssh => Path.Combine(home.Path, ".ssh");

        private string DefaultKey => Path.Combine(Ssh, "id_ed25519");

        private string Config => Path.Combine(Ssh, "config");

        [RequiresToolsFact("ssh-keygen")]
        public void AFreshHomeAsksOnlyTheNewPassphraseTwiceAndSetsUpKeyLineAndConfig()
        {
            var ui = new ScriptedInteraction().AnswerSecrets(Pass, Pass);

            SetupResult result = Run(ui);

            Assert.Equal(2, ui.Asked.Count);
            Assert.All(ui.Asked, question => Assert.Contains("assphrase", question));
            AssertStatuses(result, Done, Done, Done, Skipped, Skipped, Skipped);
            Assert.Equal(DefaultKey, result.KeyPath);
            Assert.Equal(SshKeygen.PublicFromPrivate(DefaultKey, Pass), string.Join(" ", result.PublicKeyLine.Split(' ').Take(2)));
            Assert.Equal(new[] { result.PublicKeyLine }, clipboard.Copied);
            Assert.Contains("Copied to the clipboard (fake)", result.Step(SetupStepName.PublicLine).Detail);
            Assert.Contains("account form", result.Step(SetupStepName.PublicLine).Next);
            string config = File.ReadAllText(Config);
            Assert.Contains("Host spirit1", config);
            Assert.Contains("User jdupont", config);
            Assert.Contains("IdentityFile ~/.ssh/id_ed25519", config);
            Assert.DoesNotContain("Host jean-zay", config);
            Assert.Contains("-JeanZayUser", result.Step(SetupStepName.Config).Next);
            Assert.Contains("Start-EspriSetup -TestConnection", result.Step(SetupStepName.Connection).Next);
            Assert.Contains("SSH_AUTH_SOCK", result.Step(SetupStepName.Agent).Next);
            Assert.True(result.Succeeded);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void ASecondRunFindsEverythingDoneAsksNothingAndChangesNoByte()
        {
            Run(new ScriptedInteraction().AnswerSecrets(Pass, Pass));
            Dictionary<string, string> before = HashEveryFile();
            var ui = new ScriptedInteraction();

            SetupResult again = Run(ui);

            Assert.Empty(ui.Asked);
            AssertStatuses(again, AlreadyDone, AlreadyDone, AlreadyDone, Skipped, Skipped, Skipped);
            Assert.Equal(before, HashEveryFile());
            Assert.Contains("If it is not registered yet", again.Step(SetupStepName.PublicLine).Next);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void ALaterRunWithoutUserTakesTheLoginTheAliasAlreadyHas()
        {
            Run(new ScriptedInteraction().AnswerSecrets(Pass, Pass));
            Dictionary<string, string> before = HashEveryFile();
            var script = new ScriptedInteraction { CanPrompt = false };

            SetupResult again = Run(script, r => r.User = null);

            AssertStatuses(again, AlreadyDone, AlreadyDone, AlreadyDone, Skipped, Skipped, Skipped);
            Assert.Contains("for jdupont", again.Step(SetupStepName.Config).Detail);
            Assert.Equal(before, HashEveryFile());
        }

        [Fact]
        public void WhatIfShowsEveryChangeAsksNothingAndWritesNothing()
        {
            var ui = new ScriptedInteraction { Proceed = false };

            SetupResult result = Run(ui);

            Assert.Empty(ui.Asked);
            Assert.Empty(HashEveryFile());
            Assert.Contains(ui.ShouldProcessCalls, call => call.Target == DefaultKey && call.Action.Contains("new Ed25519 key"));
            Assert.Contains(ui.ShouldProcessCalls, call => call.Target == Config && call.Detail.Contains("+Host spirit1"));
            AssertStatuses(result, Skipped, Skipped, Skipped, Skipped, Skipped, Skipped);
            Assert.Contains("Would create", result.Step(SetupStepName.Key).Detail);
            Assert.Contains("Would write spirit1", result.Step(SetupStepName.Config).Detail);
        }

        [Fact]
        public void AScriptWithoutPassphraseLeavesTheKeyToTheUserAndStillWritesTheConfig()
        {
            var ui = new ScriptedInteraction { CanPrompt = false };

            SetupResult result = Run(ui);

            AssertStatuses(result, NeedsYou, Skipped, Done, Skipped, Skipped, Skipped);
            Assert.False(File.Exists(DefaultKey));
            Assert.Contains("-Passphrase", result.Step(SetupStepName.Key).Next);
            Assert.Contains("IdentityFile ~/.ssh/id_ed25519", File.ReadAllText(Config));
            Assert.Null(result.PublicKeyLine);
            Assert.False(result.Succeeded);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void KeysTheSiteRefusesAreNeverChosenAndTheChecklistSaysWhy()
        {
            string rsa = SshKeygen.Make(Path.Combine(Ssh, "id_rsa"), "rsa", Pass, "-b", "2048");
            string ecdsa = SshKeygen.Make(Path.Combine(Ssh, "id_ecdsa"), "ecdsa", Pass);
            string dsa = SshKeygen.Make(Path.Combine(Ssh, "id_dsa"), "dsa", Pass);
            Dictionary<string, string> before = HashEveryFile();

            SetupResult result = Run(new ScriptedInteraction().AnswerSecrets(Pass, Pass));

            SetupStep key = result.Step(SetupStepName.Key);
            Assert.Equal(Done, key.Status);
            Assert.Contains("Made a new Ed25519 key", key.Detail);
            Assert.Contains($"Not used: '{rsa}' (ssh-rsa keys must have at least 4096 bits", key.Detail);
            Assert.Contains($"Not used: '{ecdsa}' (ECDSA keys are not accepted", key.Detail);
            Assert.Contains($"Not used: '{dsa}' (DSA keys are refused", key.Detail);
            Assert.Equal(DefaultKey, result.KeyPath);
            Assert.Equal(before[rsa], HashEveryFile()[rsa]);
        }

        [RequiresToolsFact("ssh-keygen")]
        public void SeveralAcceptedKeysAreTheUsersChoiceAndAScriptIsToldHowToMakeIt()
        {
            string first = SshKeygen.Make(Path.Combine(Ssh, "home_ed25519"), "ed25519", Pass);
            string second = SshKeygen.Make(Path.Combine(Ssh, "work_ed25519"), "ed25519", Pass);
            Dictionary<string, string> before = HashEveryFile();

            SetupResult script = Run(new ScriptedInteraction { CanPrompt = false });

            SetupStep key = script.Step(SetupStepName.Key);
            Assert.Equal(NeedsYou, key.Status);
            Assert.Contains(first, key.Detail);
            Assert.Contains(second, key.Detail);
            Assert.Contains($"Start-EspriSetup -KeyPath '{first}'", key.Next);
            Assert.Equal(Skipped, script.Step(SetupStepName.Config).Status);
            Assert.Equal(before, HashEveryFile());

            var ui = new ScriptedInteraction().AnswerChoices(1).AnswerSecrets(Pass);
            SetupResult chosen = Run(ui);

            Assert.Contains("which one is yours", ui.Asked[0]);
            Assert.Equal(AlreadyDone, chosen.Step(SetupStepName.Key).Status);
            Assert.Equal(second, chosen.KeyPath);
            Assert.Contains("IdentityFile ~/.ssh/work_ed25519", File.ReadAllText(Config));
            Assert.False(File.Exists(DefaultKey));
        }

        [RequiresToolsFact("puttygen", "ssh-keygen")]
        public void APuttyKeyOnTheDesktopBecomesTheDefaultKeyWithItsPassphraseAskedOnce()
        {
            string ppk = PuttyKeyOnDesktop("meso_key.ppk", Pass);
            var ui = new ScriptedInteraction().AnswerSecrets(Pass);

            SetupResult result = Run(ui);

            Assert.Single(ui.Asked);
            Assert.Equal(Done, result.Step(SetupStepName.Key).Status);
            Assert.Contains($"Installed '{ppk}'", result.Step(SetupStepName.Key).Detail);
            Assert.Equal(DefaultKey, result.KeyPath);
            Assert.Equal(puttygen.PublicLine(ppk), result.PublicKeyLine);
            Assert.Equal(SshKeygen.PublicFromPrivate(DefaultKey, Pass), string.Join(" ", result.PublicKeyLine.Split(' ').Take(2)));

            SetupResult again = Run(new ScriptedInteraction());
            Assert.Equal(AlreadyDone, again.Step(SetupStepName.Key).Status);
            Assert.Equal(DefaultKey, again.KeyPath);
        }

        [RequiresToolsFact("puttygen", "ssh-keygen")]
        public void TheKeyAtTheDefaultNameWinsAndAnotherPuttyKeyIsOnlyMentioned()
        {
            SshKeygen.Make(DefaultKey, "ed25519", Pass);
            string ppk = PuttyKeyOnDesktop("old_key.ppk", Pass);
            var ui = new ScriptedInteraction();

            SetupResult result = Run(ui);

            Assert.Empty(ui.Asked);
            Assert.Equal(AlreadyDone, result.Step(SetupStepName.Key).Status);
            Assert.Equal(DefaultKey, result.KeyPath);
            Assert.Contains($"Also here, not used (you have your key): '{ppk}'", result.Step(SetupStepName.Key).Detail);
        }

        [RequiresToolsFact("puttygen", "ssh-keygen")]
        public void APuttyKeyWithoutPassphraseIsInstalledWithANewOne()
        {
            PuttyKeyOnDesktop("meso_key.ppk", "");
            var ui = new ScriptedInteraction().AnswerSecrets(Pass, Pass);

            SetupResult result = Run(ui);

            Assert.Equal(2, ui.Asked.Count);
            Assert.Equal(Done, result.Step(SetupStepName.Key).Status);
            Assert.Contains("protected by its passphrase", result.Step(SetupStepName.Key).Detail);
            Assert.Equal(SshKeygen.PublicFromPrivate(DefaultKey, Pass), string.Join(" ", result.PublicKeyLine.Split(' ').Take(2)));
        }

        [RequiresToolsFact("ssh-keygen")]
        public void FromKeyInstallsTheGivenFileOnceAndNeverASecondCopy()
        {
            using var elsewhere = new TempDirectory();
            string source = SshKeygen.Make(elsewhere, "laptop_key", "ed25519", Pass);

            SetupResult result = Run(new ScriptedInteraction().AnswerSecrets(Pass), r => r.FromKey = source);
            SetupResult again = Run(new ScriptedInteraction(), r => r.FromKey = source);

            Assert.Equal(Done, result.Step(SetupStepName.Key).Status);
            Assert.Equal(DefaultKey, result.KeyPath);
            Assert.Equal(File.ReadAllBytes(source), File.ReadAllBytes(DefaultKey));
            Assert.Equal(AlreadyDone, again.Step(SetupStepName.Key).Status);
            Assert.Equal(new[] { "config", "id_ed25519", "id_ed25519.pub" }, Directory.GetFiles(Ssh).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal));
        }

        [RequiresToolsFact("ssh-keygen")]
        public void WithoutALoginAPersonIsAskedUntilItIsOneAndAScriptNeedsThem()
        {
            SshKeygen.Make(Path.Combine(Ssh, "id_ed25519"), "ed25519", Pass);

            SetupResult script = Run(new ScriptedInteraction { CanPrompt = false }, r => r.User = null);
            Assert.Empty(clipboard.Copied); // a script never replaces what the user copied
            Assert.Contains("Not copied to the clipboard", script.Step(SetupStepName.PublicLine).Detail);
            var ui = new ScriptedInteraction().AnswerTexts("j dupont", "jdupont");
            SetupResult asked = Run(ui, r => r.User = null);

            Assert.Equal(NeedsYou, script.Step(SetupStepName.Config).Status);
            Assert.Contains("-User", script.Step(SetupStepName.Config).Next);
            Assert.Equal(2, ui.Asked.Count);
            Assert.Contains(ui.Warnings, w => w.Contains("'j dupont' is not a login name"));
            Assert.Equal(Done, asked.Step(SetupStepName.Config).Status);
            Assert.Contains("User jdupont", File.ReadAllText(Config));
        }

        [RequiresToolsFact("ssh-keygen")]
        public void AKeyWithoutPassphraseNeedsTheUser()
        {
            SshKeygen.Make(Path.Combine(Ssh, "id_ed25519"), "ed25519", "");

            SetupResult result = Run(new ScriptedInteraction());

            AssertStatuses(result, NeedsYou, AlreadyDone, Done, Skipped, Skipped, Skipped);
            Assert.Contains($"Install-EspriKey -Path '{DefaultKey}' -Destination '{DefaultKey}' -NewPassphrase", result.Step(SetupStepName.Key).Next);
            Assert.Equal(AlreadyDone, result.Step(SetupStepName.PublicLine).Status);
            Assert.Equal(Done, result.Step(SetupStepName.Config).Status);
        }

        [UnixFact("ssh-keygen")]
        public void AKeyOthersCanReadIsGivenBackToItsOwner()
        {
            SshKeygen.Make(Path.Combine(Ssh, "id_ed25519"), "ed25519", Pass);
            UnixModes.Set(DefaultKey, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            SetupResult result = Run(new ScriptedInteraction());

            Assert.Equal(Done, result.Step(SetupStepName.Key).Status);
            Assert.Contains("restricted to you alone", result.Step(SetupStepName.Key).Detail);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, UnixModes.Get(DefaultKey));
        }

        [UnixFact("ssh-keygen", RealAgent.Tool, "ssh-add")]
        public void TheKeyGoesToARealAgentOnceWithThePassphraseTypedForIt()
        {
            using var real = new RealAgent();
            var agent = new SshAgent(new FakeToolEnvironment { ["SSH_AUTH_SOCK"] = real.Socket });
            var ui = new ScriptedInteraction().AnswerSecrets(Pass, Pass);

            SetupResult result = Run(ui, agent: agent);
            SetupResult again = Run(new ScriptedInteraction(), agent: agent);

            Assert.Equal(2, ui.Asked.Count);
            Assert.Equal(Done, result.Step(SetupStepName.Agent).Status);
            Assert.Equal(AlreadyDone, again.Step(SetupStepName.Agent).Status);
            var listed = real.Run("ssh-add", "-L");
            Assert.Equal(SshKeygen.PublicLineWithoutComment(DefaultKey + ".pub"), string.Join(" ", listed.Output.Trim().Split(' ').Take(2)));
        }

        [UnixFact("ssh-keygen")]
        public void AnAgentThatNeverAnswersIsSaidSoNotCalledNoAgent()
        {
            using var silent = new MisbehavingAgent(_ => null);
            var agent = new SshAgent(new FakeToolEnvironment { ["SSH_AUTH_SOCK"] = silent.Socket }, timeout: TimeSpan.FromSeconds(1));

            SetupStep step = Run(new ScriptedInteraction().AnswerSecrets(Pass, Pass), agent: agent).Step(SetupStepName.Agent);

            Assert.Equal(Skipped, step.Status);
            Assert.StartsWith($"The key was not added: The agent at '{silent.Socket}'", step.Detail);
            Assert.Contains("did not answer within 1 s", step.Detail);
            Assert.DoesNotContain("No agent", step.Detail);
        }

        [Fact]
        public void CtrlCAtTheFirstQuestionStopsWithNothingWritten()
        {
            var ui = new ScriptedInteraction().AnswerSecrets(Pass, Pass);
            ui.Cancel();

            Assert.ThrowsAny<OperationCanceledException>(() => Run(ui));
            Assert.Empty(HashEveryFile());
        }

        [RequiresToolsTheory("puttygen", "ssh-keygen")]
        [InlineData("the new passphrase's confirmation")]
        [InlineData("the login")]
        [InlineData("the choice of key")]
        [InlineData("the PuTTY key's passphrase")]
        public void CtrlCAtAnyQuestionStopsWithNoByteChanged(string question)
        {
            var ui = new ScriptedInteraction();
            Action<SetupRequest> adjust = null;
            switch (question)
            {
                case "the new passphrase's confirmation":
                    ui.AnswerSecrets(Pass, Pass).CancelAt(2);
                    break;
                case "the login":
                    SshKeygen.Make(DefaultKey, "ed25519", Pass);
                    ui.AnswerTexts("jdupont").CancelAt(1);
                    adjust = r => r.User = null;
                    break;
                case "the choice of key":
                    SshKeygen.Make(Path.Combine(Ssh, "home_ed25519"), "ed25519", Pass);
                    SshKeygen.Make(Path.Combine(Ssh, "work_ed25519"), "ed25519", Pass);
                    ui.AnswerChoices(0).CancelAt(1);
                    break;
                case "the PuTTY key's passphrase":
                    PuttyKeyOnDesktop("meso_key.ppk", Pass);
                    ui.AnswerSecrets(Pass).CancelAt(1);
                    break;
            }

            Dictionary<string, string> before = HashEveryFile();

            Assert.ThrowsAny<OperationCanceledException>(() => Run(ui, adjust));
            Assert.Equal(before, HashEveryFile());
        }

        [Fact]
        public void NoClipboardIsSaidAndTheLineIsStillGiven()
        {
            SshKeygen.Make(Path.Combine(Ssh, "id_ed25519"), "ed25519", Pass);
            clipboard.Refusal = "this session has no graphical display";

            SetupResult result = Run(new ScriptedInteraction());

            Assert.Contains("Not copied: this session has no graphical display", result.Step(SetupStepName.PublicLine).Detail);
            Assert.NotNull(result.PublicKeyLine);
        }

        [Theory]
        [InlineData("jean-zay", null)]
        [InlineData("spirit1", "idrislogin")]
        public void AHeadNodeOrJeanZayLoginTheSiteHasNoPlaceForIsRefusedBeforeAnything(string headNode, string jeanZayUser)
        {
            SiteProfile site = SiteProfileLoader.Default;
            if (jeanZayUser != null)
            {
                site = SiteProfileLoader.Parse("{\"name\":\"Solo\",\"defaultHeadNode\":\"spirit1\",\"hosts\":[{\"alias\":\"spirit1\",\"hostName\":\"s.example\",\"role\":\"HeadNode\"}],\"keyPolicy\":[{\"type\":\"ssh-ed25519\",\"verdict\":\"Preferred\",\"reason\":\"r\"}]}", "solo.json");
            }

            var ex = Assert.Throws<EspriException>(() => Run(new ScriptedInteraction(), r => { r.HeadNode = headNode; r.JeanZayUser = jeanZayUser; }, site: site));

            Assert.Equal(ErrorIds.InvalidParameter, ex.ErrorId);
            Assert.Empty(HashEveryFile());
        }

        public void Dispose() => home.Dispose();

        private SetupResult Run(ScriptedInteraction ui, Action<SetupRequest> adjust = null, SshAgent agent = null, SiteProfile site = null)
        {
            var request = new SetupRequest { User = "jdupont", SshDirectory = Ssh, HomeDirectory = home.Path, ReportDirectory = home.Path };
            adjust?.Invoke(request);
            return new SetupWorkflow(ui, site ?? SiteProfileLoader.Default, clipboard, agent ?? NoAgent.Create()).Run(request);
        }

        private string PuttyKeyOnDesktop(string name, string passphrase)
        {
            string desktop = Directory.CreateDirectory(Path.Combine(home.Path, "Desktop")).FullName;
            string ppk = Path.Combine(desktop, name);
            File.Copy(puttygen.Variant("ed25519", passphrase, "", "meso key"), ppk);
            return ppk;
        }

        private Dictionary<string, string> HashEveryFile()
        {
            using var sha = SHA256.Create();
            return Directory.GetFiles(home.Path, "*", SearchOption.AllDirectories)
                .ToDictionary(f => f, f => Convert.ToBase64String(sha.ComputeHash(File.ReadAllBytes(f))));
        }

        private static void AssertStatuses(SetupResult result, params SetupStepStatus[] expected)
        {
            Assert.Equal((SetupStepName[])Enum.GetValues(typeof(SetupStepName)), result.Steps.Select(s => s.Name).ToArray());
            Assert.True(expected.SequenceEqual(result.Steps.Select(s => s.Status)),
                string.Join("\n", result.Steps.Select(s => $"{s.Name}: {s.Status}. {s.Detail} | {s.Next}")));
        }

        private sealed class FakeClipboard : IClipboard
        {
            public List<string> Copied { get; } = new List<string>();

            public string Refusal { get; set; }

            public ClipboardCopy Copy(string text)
            {
                if (Refusal != null)
                {
                    return ClipboardCopy.NotCopied(Refusal);
                }

                Copied.Add(text);
                return ClipboardCopy.With("fake");
            }
        }
    }
}
