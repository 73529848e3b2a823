namespace Mx.Lint;

/// <summary>How <c>mx lint</c> prints its report.</summary>
public enum ReportFormat
{
    /// <summary>For people: findings grouped by file, each with a fix hint.</summary>
    Text,
    /// <summary>For scripts.</summary>
    Json,
    /// <summary>SARIF 2.1.0, for code scanning.</summary>
    Sarif,
    /// <summary>GitHub Actions workflow commands, which annotate the pull request.</summary>
    Github,
}
