using System.Management.Automation;
using System.Reflection;

namespace KalshiPS.Tools.Coverage;

/// <summary>
/// Which cmdlet is the typed front for which spec operation ([KalshiOperation]) and which Watch-* cmdlet streams which
/// WebSocket channel ([KalshiChannel]): read from the module's cmdlet classes.
/// </summary>
public static class ModuleOperations
{
    // The tools load the module by manifest (another load context), so the attributes are matched by name, not by type.
    private const string OperationAttribute = "KalshiPS.Cmdlets.KalshiOperationAttribute";
    private const string ChannelAttribute = "KalshiPS.Cmdlets.KalshiChannelAttribute";

    /// <summary>Cmdlet name → the operation ids its attribute names (cmdlets without one are absent).</summary>
    public static SortedDictionary<string, string[]> Read(IEnumerable<CmdletInfo> cmdlets) => ReadAttribute(cmdlets, OperationAttribute);

    /// <summary>Cmdlet name → the channels its attribute names.</summary>
    public static SortedDictionary<string, string[]> ReadChannels(IEnumerable<CmdletInfo> cmdlets) => ReadAttribute(cmdlets, ChannelAttribute);

    private static SortedDictionary<string, string[]> ReadAttribute(IEnumerable<CmdletInfo> cmdlets, string attributeName)
    {
        var map = new SortedDictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var cmdlet in cmdlets)
        {
            var attribute = cmdlet.ImplementingType.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == attributeName);
            if (attribute == null) continue;
            var ids = (IEnumerable<CustomAttributeTypedArgument>)attribute.ConstructorArguments[0].Value!;
            map[cmdlet.Name] = ids.Select(a => (string)a.Value!).ToArray();
        }
        return map;
    }
}
