using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace GoodThings.LocalRunner.Hosting;

/// <summary>
/// Every <c>[Function]</c> method of the given assemblies, found by reflection the way the Worker SDK's
/// metadata generator finds them, so the attributes stay the only route and schedule table.
/// </summary>
public sealed class FunctionCatalog
{
    private FunctionCatalog(IReadOnlyList<FunctionDescriptor> functions) => Functions = functions;

    public IReadOnlyList<FunctionDescriptor> Functions { get; }

    public IEnumerable<(FunctionDescriptor Function, T Trigger)> WithTrigger<T>()
        where T : TriggerBindingAttribute =>
        Functions.Where(f => f.Trigger is T).Select(f => (f, (T)f.Trigger));

    public static FunctionCatalog Discover(IEnumerable<Assembly> assemblies)
    {
        var functions = new List<FunctionDescriptor>();
        foreach (var method in assemblies.SelectMany(a => a.GetExportedTypes())
                     .Where(t => t.IsClass && !t.IsAbstract || t.IsAbstract && t.IsSealed)
                     .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
            {
                continue;
            }

            var triggers = method.GetParameters()
                .Select(p => (Parameter: p, Trigger: p.GetCustomAttribute<TriggerBindingAttribute>()))
                .Where(p => p.Trigger is not null)
                .ToList();
            if (triggers.Count != 1)
            {
                throw new InvalidOperationException($"Function {function.Name} must have exactly one trigger parameter; it has {triggers.Count}.");
            }

            functions.Add(new FunctionDescriptor(function.Name, method, triggers[0].Parameter, triggers[0].Trigger!));
        }

        var duplicate = functions.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Function name {duplicate.Key} is used by more than one method: {string.Join(", ", duplicate)}.");
        }

        var unsupported = functions.FirstOrDefault(f => f.Trigger is not (HttpTriggerAttribute or TimerTriggerAttribute or QueueTriggerAttribute));
        if (unsupported is not null)
        {
            throw new NotSupportedException($"The local runner hosts HTTP, timer and queue triggers; {unsupported} uses {unsupported.Trigger.GetType().Name}.");
        }

        return new FunctionCatalog(functions);
    }
}
