namespace Terminagent.Trust;

public static class TrustProgram
{
    public static Task<int> Main(string[] args) => Task.FromResult(0);
}
