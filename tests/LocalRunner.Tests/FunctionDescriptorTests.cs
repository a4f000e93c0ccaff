
namespace GoodThings.LocalRunner.Tests;

public sealed class FunctionDescriptorTests
{
    /// <summary>
    /// Reflection may hand out different ParameterInfo objects for the same parameter (two threads asking a method
    /// for its parameters at once, or the method reached through another type); the trigger is still the trigger.
    /// </summary>
    [Fact]
    public void TheTriggerIsRecognisedWhateverParameterInfoObjectNamesIt()
    {
        var method = typeof(Functions).GetMethod(nameof(Functions.Run))!;
        var sameMethodElsewhere = typeof(DerivedFunctions).GetMethod(nameof(Functions.Run))!;
        var triggerFromElsewhere = sameMethodElsewhere.GetParameters()[0];
        Assert.NotSame(method.GetParameters()[0], triggerFromElsewhere);

        var function = new FunctionDescriptor("Run", method, triggerFromElsewhere, new HttpTriggerAttribute(AuthorizationLevel.Anonymous, "get"));

        Assert.True(function.IsTrigger(method.GetParameters()[0]));
        Assert.False(function.IsTrigger(method.GetParameters()[1]));
    }

    public class Functions
    {
        public void Run(HttpRequest request, CancellationToken cancellationToken) => _ = (this, request, cancellationToken);
    }

    public sealed class DerivedFunctions : Functions;
}
