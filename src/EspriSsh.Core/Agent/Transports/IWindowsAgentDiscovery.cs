namespace EspriSsh.Core.Agent.Transports
{
    /// <summary>What finding an agent asks Windows: which pipes exist, Pageant's pipe name and window. Tests give a fake.</summary>
    public interface IWindowsAgentDiscovery
    {
        /// <summary>True when \\.\pipe\<paramref name="pipeName"/> exists (answered at once, unlike a connect).</summary>
        bool PipeExists(string pipeName);

        /// <summary>This user's Pageant pipe name (PageantPipeName.Derive).</summary>
        string PageantPipeName { get; }

        IPageantWindowApi PageantWindow { get; }
    }
}
