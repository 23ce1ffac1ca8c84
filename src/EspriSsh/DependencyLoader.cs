using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace EspriSsh
{
    /// <summary>
    /// Loads the module's third-party assemblies (SSH.NET, BouncyCastle...) from Dependencies/, where
    /// normal probing never looks, so another module carrying other versions cannot clash with ours,
    /// and nobody else is handed ours.
    /// pwsh 7: a private AssemblyLoadContext (made by reflection: this dll is netstandard2.0). The
    /// Default context is answered for EspriSsh.Core alone (the cmdlets' one reference), which goes
    /// into the private context; the third-party dlls are answered only to requests from inside it.
    /// Windows PowerShell 5.1: a scoped AppDomain.AssemblyResolve that answers only for our files and
    /// only when the requesting assembly is one of ours.
    /// On pwsh 7 the private context takes a dll's native image for this platform when the build made
    /// one (NativeImages), else the plain IL file: its net8.0 build from Dependencies/net8.0/ where the
    /// module ships one (the core, SSH.NET), else the netstandard2.0 build of Dependencies/.
    /// </summary>
    internal sealed class DependencyLoader
    {
        private const string CoreAssemblyName = "EspriSsh.Core";
        private readonly string moduleFolder;
        private readonly string dependencyFolder;
        private readonly string modernFolder;
        private readonly NativeImages? nativeImages;
        private readonly HashSet<string> dependencyNames;
        private readonly object? loadContext;
        private readonly MethodInfo? loadFromPath;
        private readonly EventInfo? resolvingEvent;
        private readonly object? defaultContext;
        private readonly Delegate? defaultHandler;
        private readonly Delegate? privateHandler;

        public DependencyLoader(string moduleFolder)
        {
            this.moduleFolder = Path.GetFullPath(moduleFolder);
            dependencyFolder = Path.Combine(this.moduleFolder, "Dependencies");
            modernFolder = Path.Combine(dependencyFolder, "net8.0");
            dependencyNames = new HashSet<string>(
                Directory.Exists(dependencyFolder)
                    ? Directory.GetFiles(dependencyFolder, "*.dll").Select(f => Path.GetFileNameWithoutExtension(f))
                    : Enumerable.Empty<string>(),
                StringComparer.OrdinalIgnoreCase);

            Type? alcType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader", throwOnError: false);
            if (alcType != null && Environment.Version.Major >= 5)
            {
                ConstructorInfo ctor = alcType.GetConstructor(new[] { typeof(string), typeof(bool) })!;
                loadContext = ctor.Invoke(new object[] { "EspriSsh", false });
                loadFromPath = alcType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
                defaultContext = alcType.GetProperty("Default")!.GetValue(null);
                resolvingEvent = alcType.GetEvent("Resolving")!;
                defaultHandler = Handler(nameof(OnDefaultResolving));
                privateHandler = Handler(nameof(OnPrivateResolving));
                nativeImages = new NativeImages(dependencyFolder);
            }
        }

        /// <summary>True when dependencies go to a private load context (pwsh 7).</summary>
        public bool IsIsolated => loadContext != null;

        public void Register()
        {
            if (IsIsolated)
            {
                resolvingEvent!.AddEventHandler(defaultContext, defaultHandler);
                resolvingEvent.AddEventHandler(loadContext, privateHandler);
            }
            else
            {
                AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
            }
        }

        public void Unregister()
        {
            if (IsIsolated)
            {
                resolvingEvent!.RemoveEventHandler(defaultContext, defaultHandler);
                resolvingEvent.RemoveEventHandler(loadContext, privateHandler);
            }
            else
            {
                AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
            }
        }

        private Delegate Handler(string method) => Delegate.CreateDelegate(
            resolvingEvent!.EventHandlerType!, this, typeof(DependencyLoader).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Instance)!);

        // The cmdlets (in the Default context) need the core; nothing else is ours to give there.
        // Signatures match Func<AssemblyLoadContext, AssemblyName, Assembly?> by contravariance.
        private Assembly? OnDefaultResolving(object context, AssemblyName name) =>
            name.Name == CoreAssemblyName ? LoadPrivately(CoreAssemblyName) : null;

        // Requests from inside the private context: the core asking for SSH.NET, SSH.NET for BouncyCastle.
        private Assembly? OnPrivateResolving(object context, AssemblyName name) =>
            name.Name != null && dependencyNames.Contains(name.Name) ? LoadPrivately(name.Name) : null;

        private Assembly? LoadPrivately(string name)
        {
            string modern = Path.Combine(modernFolder, name + ".dll");
            string path = nativeImages!.Choose(name + ".dll", File.Exists(modern) ? modern : Path.Combine(dependencyFolder, name + ".dll"));
            return File.Exists(path) ? (Assembly)loadFromPath!.Invoke(loadContext, new object[] { path })! : null;
        }

        // 5.1: the core beside EspriSsh.dll is found by PowerShell's LoadFrom probing; what it (or a
        // dependency) asks for from Dependencies/ is answered, requests from anyone else are not.
        private Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
        {
            string? name = new AssemblyName(args.Name).Name;
            if (name == null || !dependencyNames.Contains(name) || !IsOurs(args.RequestingAssembly))
            {
                return null;
            }

            return Assembly.LoadFile(Path.Combine(dependencyFolder, name + ".dll"));
        }

        private bool IsOurs(Assembly? requesting)
        {
            string? location = requesting == null || requesting.IsDynamic ? null : requesting.Location;
            return !string.IsNullOrEmpty(location)
                && Path.GetFullPath(location).StartsWith(moduleFolder + Path.DirectorySeparatorChar, StringComparison.OrdinalIgnoreCase);
        }
    }
}
