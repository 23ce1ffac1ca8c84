namespace EspriSsh.Core.Tests
{
    /// <summary>
    /// A fact that shows as skipped, with its reason, when this host cannot run it: a missing peer
    /// tool (CI installs them), the wrong OS, or Mono where its behaviour is not .NET Framework's
    /// (each such case is listed in docs/ARCHITECTURE.md). A test never returns early instead.
    /// </summary>
    public class HostFactAttribute : FactAttribute
    {
        private readonly string[] tools;

        public HostFactAttribute(params string[] tools) => this.tools = tools;

        public bool UnixOnly { get; set; }

        public bool WindowsOnly { get; set; }

        /// <summary>root reads and writes whatever the file modes say: a test of refused access cannot run as root.</summary>
        public bool NotAsRoot { get; set; }

        /// <summary>Why Mono cannot run it (docs/ARCHITECTURE.md lists these).</summary>
        public string NotOnMono { get; set; }

        // Computed when xUnit reads it at discovery, after the named arguments are set.
        public override string Skip
        {
            get => base.Skip ?? TestHost.SkipReason(UnixOnly, WindowsOnly, NotAsRoot, NotOnMono, tools);
            set => base.Skip = value;
        }
    }

    /// <summary>
    /// The theory form of <see cref="HostFactAttribute"/>: the same skip rules, discovered as a theory
    /// (xUnit takes the discoverer of the most derived attribute class, as TheoryAttribute does over Fact).
    /// </summary>
    [Xunit.Sdk.XunitTestCaseDiscoverer("Xunit.Sdk.TheoryDiscoverer", "xunit.execution.{Platform}")]
    public class HostTheoryAttribute : HostFactAttribute
    {
        public HostTheoryAttribute(params string[] tools)
            : base(tools)
        {
        }
    }

    /// <summary>Needs these programs on PATH: <c>[RequiresToolsFact("puttygen", "ssh-keygen")]</c>.</summary>
    public sealed class RequiresToolsFactAttribute : HostFactAttribute
    {
        public RequiresToolsFactAttribute(params string[] tools)
            : base(tools)
        {
        }
    }

    public sealed class RequiresToolsTheoryAttribute : HostTheoryAttribute
    {
        public RequiresToolsTheoryAttribute(params string[] tools)
            : base(tools)
        {
        }
    }

    /// <summary>Unix only (file modes, /bin/sh), plus any programs named: <c>[UnixFact("ssh-keygen")]</c>.</summary>
    public sealed class UnixFactAttribute : HostFactAttribute
    {
        public UnixFactAttribute(params string[] tools)
            : base(tools) => UnixOnly = true;
    }

    public sealed class UnixTheoryAttribute : HostTheoryAttribute
    {
        public UnixTheoryAttribute(params string[] tools)
            : base(tools) => UnixOnly = true;
    }

    /// <summary>Windows only (ACLs, sc.exe, named pipes), plus any programs named.</summary>
    public sealed class WindowsFactAttribute : HostFactAttribute
    {
        public WindowsFactAttribute(params string[] tools)
            : base(tools) => WindowsOnly = true;
    }

    public sealed class WindowsTheoryAttribute : HostTheoryAttribute
    {
        public WindowsTheoryAttribute(params string[] tools)
            : base(tools) => WindowsOnly = true;
    }
}
