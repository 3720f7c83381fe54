using System.Security.Cryptography;
using System.Text;
using KnowledgeGraph.Store;

namespace KnowledgeGraph.Cli.Tests.Store;

public sealed class BuildVersionTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(64 * 1024)]
    [InlineData((200 * 1024) + 7)]
    public void OfArticle_AnySize_HashOfBytesSidecarAndOverride(int size)
    {
        // Arrange: files smaller and larger than the read buffer, read one after another on the same thread.
        var dir = Directory.CreateTempSubdirectory("kg-buildversion-");
        try
        {
            var bytes = new byte[size];
            new Random(size).NextBytes(bytes);
            var path = Path.Combine(dir.FullName, "a.txt");
            File.WriteAllBytes(path, bytes);
            var expected = Convert.ToHexStringLower(SHA256.HashData([.. bytes, .. "\0sidecar\0"u8, .. Encoding.UTF8.GetBytes("\0override\02023-05-30")]));

            // Act
            _ = BuildVersion.OfArticle(path, null);
            var hash = BuildVersion.OfArticle(path, new DateOnly(2023, 5, 30));

            // Assert
            Assert.Equal(expected, hash);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
