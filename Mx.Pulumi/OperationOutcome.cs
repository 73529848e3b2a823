using Mx.Pulumi.Events;

namespace Mx.Pulumi;

/// <summary>What one pulumi operation on one program did: its summary event, and how many resources each operation touched.</summary>
public sealed record OperationOutcome(StackProgram Program, StackOperation Operation, SummaryEvent? Summary);
