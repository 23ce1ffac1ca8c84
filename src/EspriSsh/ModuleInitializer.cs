using System.IO;
using System.Management.Automation;

namespace EspriSsh
{
    /// <summary>Runs when the module is imported: sets up dependency isolation before any core type is touched.</summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly DependencyLoader Loader =
            new DependencyLoader(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location)!);

        public void OnImport() => Loader.Register();

        public void OnRemove(PSModuleInfo module) => Loader.Unregister();
    }
}
