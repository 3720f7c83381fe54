namespace KnowledgeGraph.Core.Stages.Loading;

/// <summary>What to do with a file that is not a readable article (binary, empty, unreadable): <c>--on-bad-document</c>.</summary>
public enum BadDocumentPolicy
{
    /// <summary>Report it as a warning, count it, and go on.</summary>
    Skip,
    /// <summary>Stop with a <see cref="Errors.KnowledgeGraphException"/>.</summary>
    Fail,
}
