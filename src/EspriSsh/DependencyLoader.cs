using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;

namespace EspriSsh
{
    /// <summary>
    /// Loads the module's third-party assemblies (SSH.NET, BouncyCastle...) from Dependencies/, where
    /// normal probing never looks, so another module carrying other versions cannot clash with ours.
    /// pwsh 7: a private AssemblyLoadContext (made by reflection: this dll is netstandard2.0), fed from
    /// the Default context's Resolving event, which runs before any directory probing.
    /// Windows PowerShell 5.1: a scoped AppDomain.AssemblyResolve that only answers for our files.
    /// Only our own file names are answered; everything else is left to the runtime.
    /// </summary>
    internal sealed class DependencyLoader
    {
        private const string CoreAssemblyName = "EspriSsh.Core";
        private readonly string dependencyFolder;
        private readonly HashSet<string> dependencyNames;
        private readonly object? loadContext;
        private readonly MethodInfo? loadFromPath;
        private readonly Delegate? resolvingHandler;
        private readonly EventInfo? defaultResolvingEvent;
        private readonly object? defaultContext;

        public DependencyLoader(string moduleFolder)
        {
            dependencyFolder = Path.Combine(moduleFolder, "Dependencies");
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
                defaultResolvingEvent = alcType.GetEvent("Resolving")!;
                resolvingHandler = Delegate.CreateDelegate(
                    defaultResolvingEvent.EventHandlerType!,
                    this,
                    typeof(DependencyLoader).GetMethod(nameof(OnResolving), BindingFlags.NonPublic | BindingFlags.Instance)!);
            }
        }

        /// <summary>True when dependencies go to a private load context (pwsh 7).</summary>
        public bool IsIsolated => loadContext != null;

        public void Register()
        {
            if (IsIsolated)
            {
                defaultResolvingEvent!.AddEventHandler(defaultContext, resolvingHandler);
                // Dependencies of dependencies (Renci -> BouncyCastle) are asked of the private context.
                defaultResolvingEvent.AddEventHandler(loadContext, resolvingHandler);
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
                defaultResolvingEvent!.RemoveEventHandler(defaultContext, resolvingHandler);
                defaultResolvingEvent.RemoveEventHandler(loadContext, resolvingHandler);
            }
            else
            {
                AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
            }
        }

        // Signature matches Func<AssemblyLoadContext, AssemblyName, Assembly?> by contravariance.
        private Assembly? OnResolving(object context, AssemblyName name)
        {
            string? path = PathFor(name.Name);
            return path == null ? null : (Assembly)loadFromPath!.Invoke(loadContext, new object[] { path })!;
        }

        private Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
        {
            string? name = new AssemblyName(args.Name).Name;
            string? path = PathFor(name);
            return path == null ? null : Assembly.LoadFile(path);
        }

        private string? PathFor(string? name)
        {
            if (name == null)
            {
                return null;
            }

            // pwsh 7 gets the core built for .NET 8 (SIMD fast paths); 5.1 the netstandard2.0 one beside us.
            if (IsIsolated && name == CoreAssemblyName)
            {
                string modern = Path.Combine(dependencyFolder, "net8.0", CoreAssemblyName + ".dll");
                return File.Exists(modern) ? modern : null;
            }

            return dependencyNames.Contains(name) ? Path.Combine(dependencyFolder, name + ".dll") : null;
        }
    }
}
