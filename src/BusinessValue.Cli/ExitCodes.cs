namespace BusinessValue.Cli;

/// <summary>What <c>bv</c> returns: scripts rely on these.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int InvalidInput = 1;
    public const int UsageError = 2;
}
