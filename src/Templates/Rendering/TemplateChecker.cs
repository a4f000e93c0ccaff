using System.Collections;
using System.Reflection;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace GoodThings.Templates.Rendering;

/// <summary>
/// Reads a template before it is ever rendered and reports every variable its model does not have,
/// and every member a known type lacks (<c>event.tittle</c>), in every branch: StrictVariables only
/// catches the branches a render happens to take.
/// </summary>
internal sealed class TemplateChecker : ScriptVisitor
{
    private readonly Dictionary<string, Type?> _variables;
    private readonly Func<string, Template?> _findPartial;
    private readonly HashSet<string> _partialsSeen = [];
    private readonly List<string> _problems = [];

    private TemplateChecker(Dictionary<string, Type?> variables, Func<string, Template?> findPartial)
    {
        _variables = variables;
        _findPartial = findPartial;
    }

    /// <param name="variables">Names the template may use, with their CLR type where members should be checked.</param>
    /// <param name="findPartial">Resolves <c>partial "Name"</c> to the template it renders.</param>
    public static IReadOnlyList<string> Check(Template template, IReadOnlyDictionary<string, Type?> variables, Func<string, Template?> findPartial)
    {
        var checker = new TemplateChecker(new Dictionary<string, Type?>(variables), findPartial);
        checker.CheckPage(template.Page);
        return checker._problems;
    }

    /// <summary>The names a model gives its templates, as the member renamer exposes them.</summary>
    public static IEnumerable<KeyValuePair<string, Type?>> VariablesOf(Type model) =>
        model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.GetIndexParameters().Length == 0)
            .Select(property => KeyValuePair.Create(StandardMemberRenamer.Rename(property), (Type?)property.PropertyType));

    private void CheckPage(ScriptPage? page)
    {
        if (page is null)
        {
            return;
        }
        foreach (var name in AssignedNames.In(page))
        {
            _variables.TryAdd(name, null);
        }
        Visit(page);
    }

    public override void Visit(ScriptVariableGlobal node)
    {
        if (!_variables.ContainsKey(node.Name))
        {
            Report(node, $"unknown variable `{node.Name}`");
        }
    }

    public override void Visit(ScriptMemberExpression node)
    {
        Visit(node.Target);
        if (TypeOf(node.Target) is { } type && node.Member is { } member && !HasMember(type, member.Name))
        {
            Report(node, $"`{type.Name}` has no member `{member.Name}`");
        }
    }

    public override void Visit(ScriptAssignExpression node)
    {
        if (node.Target is not ScriptVariableGlobal)
        {
            Visit(node.Target);
        }
        Visit(node.Value);
    }

    public override void Visit(ScriptForStatement node)
    {
        Visit(node.Iterator);
        if (node.Variable is ScriptVariableGlobal variable)
        {
            _variables[variable.Name] = ElementType(TypeOf(node.Iterator));
        }
        Visit(node.Body);
        Visit(node.Else);
    }

    public override void Visit(ScriptFunctionCall node)
    {
        if (node.Target is ScriptVariableGlobal { Name: TemplateRenderer.PartialFunction }
            && node.Arguments is [ScriptLiteral { Value: string name }, ..])
        {
            CheckPartial(node, name);
        }
        base.Visit(node);
    }

    private void CheckPartial(ScriptNode node, string name)
    {
        if (!_partialsSeen.Add(name))
        {
            return;
        }
        if (_findPartial(name) is { } partial)
        {
            CheckPage(partial.Page);
        }
        else
        {
            Report(node, $"no partial `{name}`");
        }
    }

    private Type? TypeOf(ScriptExpression? expression) => expression switch
    {
        ScriptVariableGlobal variable => _variables.GetValueOrDefault(variable.Name),
        ScriptMemberExpression { Member: { } member } access when TypeOf(access.Target) is { } type =>
            FindProperty(type, member.Name)?.PropertyType,
        _ => null,
    };

    private static bool HasMember(Type type, string name) =>
        IsCollection(type) || FindProperty(type, name) is not null;

    private static PropertyInfo? FindProperty(Type type, string name) =>
        (Nullable.GetUnderlyingType(type) ?? type).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .FirstOrDefault(property => StandardMemberRenamer.Rename(property) == name);

    // Scriban gives collections members of its own (size, first...); leave those to StrictVariables.
    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static Type? ElementType(Type? type) =>
        type?.GetInterfaces().Append(type)
            .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];

    private void Report(ScriptNode node, string problem) =>
        _problems.Add($"{node.Span.FileName}({node.Span.Start.Line + 1},{node.Span.Start.Column + 1}): {problem}");

    /// <summary>Names a template gives values to itself (<c>x = ...</c>, <c>for x in ...</c>), wherever they appear.</summary>
    private sealed class AssignedNames : ScriptVisitor
    {
        private readonly List<string> _names = [];

        public static List<string> In(ScriptPage page)
        {
            var finder = new AssignedNames();
            finder.Visit(page);
            return finder._names;
        }

        public override void Visit(ScriptAssignExpression node)
        {
            if (node.Target is ScriptVariableGlobal variable)
            {
                _names.Add(variable.Name);
            }
            base.Visit(node);
        }

        public override void Visit(ScriptForStatement node)
        {
            if (node.Variable is ScriptVariableGlobal variable)
            {
                _names.Add(variable.Name);
            }
            base.Visit(node);
        }
    }
}
