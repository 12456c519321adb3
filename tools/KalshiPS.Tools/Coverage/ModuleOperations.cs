using System.Management.Automation;
using System.Reflection;

namespace KalshiPS.Tools.Coverage;

/// <summary>Which cmdlet is the typed front for which spec operation: the module's [KalshiOperation] attributes.</summary>
public static class ModuleOperations
{
    // The tools load the module by manifest (another load context), so the attribute is matched by name, not by type.
    private const string AttributeName = "KalshiPS.Cmdlets.KalshiOperationAttribute";

    /// <summary>Cmdlet name → the operation ids its attribute names (cmdlets without one are absent).</summary>
    public static SortedDictionary<string, string[]> Read(IEnumerable<CmdletInfo> cmdlets)
    {
        var map = new SortedDictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        foreach (var cmdlet in cmdlets)
        {
            var attribute = cmdlet.ImplementingType.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == AttributeName);
            if (attribute == null) continue;
            var ids = (IEnumerable<CustomAttributeTypedArgument>)attribute.ConstructorArguments[0].Value!;
            map[cmdlet.Name] = ids.Select(a => (string)a.Value!).ToArray();
        }
        return map;
    }
}
