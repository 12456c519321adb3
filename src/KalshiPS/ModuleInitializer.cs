using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace KalshiPS
{
    /// <summary>
    /// Dependency isolation. The module's own dependencies (Polly, Microsoft.Extensions.*, ...) live in Dependencies/
    /// and are loaded on demand: on PowerShell 7 into a private AssemblyLoadContext named "KalshiPS" (so another
    /// module's Polly or M.E.* never clashes with ours), on Windows PowerShell by simple name from that folder,
    /// ignoring the requested version (.NET Framework has no binding redirects for modules).
    /// The context type is reached by reflection because netstandard2.0 cannot name it.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal const string ContextName = "KalshiPS";
        private static readonly string DependencyFolder =
            Path.Combine(Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".", "Dependencies");
        private static readonly Dictionary<string, string> Dependencies = ScanDependencies();
        private static readonly ConcurrentDictionary<string, Assembly> Loaded = new ConcurrentDictionary<string, Assembly>(StringComparer.OrdinalIgnoreCase);
        private static readonly Lazy<Func<string, Assembly>> LoadIntoContext = new Lazy<Func<string, Assembly>>(CreateContextLoader);

        public void OnImport()
        {
            if (System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase))
                EnableTls12();

            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        /// <summary>
        /// Windows PowerShell may default to TLS 1.0; add 1.2 without removing what the user configured. A method of
        /// its own so that PowerShell 7 never loads System.Net.Requests/Security at import just to compile OnImport.
        /// </summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private static void EnableTls12() => System.Net.ServicePointManager.SecurityProtocol |= System.Net.SecurityProtocolType.Tls12;

        public void OnRemove(PSModuleInfo module)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve;
            Session.SessionStore.DisposeAll();
        }

        private static Assembly Resolve(object sender, ResolveEventArgs args)
        {
            var name = new AssemblyName(args.Name).Name;
            if (name == null || !Dependencies.TryGetValue(name, out var path)) return null;
            return Loaded.GetOrAdd(name, _ => LoadIntoContext.Value(path));
        }

        private static Dictionary<string, string> ScanDependencies()
        {
            var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (Directory.Exists(DependencyFolder))
                foreach (var file in Directory.GetFiles(DependencyFolder, "*.dll"))
                    map[Path.GetFileNameWithoutExtension(file)] = file;
            return map;
        }

        private static Func<string, Assembly> CreateContextLoader()
        {
            var contextType = Type.GetType("System.Runtime.Loader.AssemblyLoadContext, System.Runtime.Loader", throwOnError: false)
                              ?? Type.GetType("System.Runtime.Loader.AssemblyLoadContext", throwOnError: false);
            var ctor = contextType?.GetConstructor(new[] { typeof(string), typeof(bool) });
            if (ctor == null) return Assembly.LoadFrom; // .NET Framework: load by path, any version.
            var context = ctor.Invoke(new object[] { ContextName, false });
            var load = contextType.GetMethod("LoadFromAssemblyPath", new[] { typeof(string) });
            return path => (Assembly)load.Invoke(context, new object[] { path });
        }
    }
}
