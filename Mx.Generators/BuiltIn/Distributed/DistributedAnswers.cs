namespace Mx.Generators.BuiltIn.Distributed;

/// <summary>The answers of <see cref="DistributedTraining"/>, typed, for the code that submits its jobs.</summary>
internal sealed record DistributedAnswers(int Workers, int GpusPerWorker, string TrainingOperator)
{
    public bool IsPyTorchJob => TrainingOperator == DistributedTraining.PyTorchJob;

    public static DistributedAnswers From(Answers answers) =>
        new(answers.GetInt("workers"), answers.GetInt("gpus_per_worker"), answers.GetString("training_operator"));
}
