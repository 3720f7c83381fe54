using KnowledgeGraph.Core.Pipeline;
using KnowledgeGraph.Core.Stages.Assembly;
using Microsoft.Data.Sqlite;

namespace KnowledgeGraph.Store;

/// <summary>The assembler's state kept between builds (table <c>assembly_state</c>, meta <c>assembled_through</c>).</summary>
public sealed partial class GraphStore : IAssemblyStateStore
{
    private const string AssembledThroughKey = "assembled_through";

    /// <inheritdoc/>
    public string? AssembledThrough => GetMeta(AssembledThroughKey) is { Length: > 0 } through ? through : null;

    /// <summary>Forgets that the kept state can be continued (articles removed or changed, or added before its last one).</summary>
    private void ForgetAssembledThrough(SqliteTransaction? tx)
    {
        using var cmd = Command("DELETE FROM meta WHERE key = $k", tx);
        cmd.Parameters.AddWithValue("$k", AssembledThroughKey);
        cmd.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public IEnumerable<(char Kind, string Id, byte[] Data)> ReadAssemblyState()
    {
        using var cmd = Command("SELECT kind, id, data FROM assembly_state ORDER BY kind, id");
        using var r = cmd.ExecuteReader();
        while (r.Read())
            yield return (r.GetString(0)[0], r.GetString(1), (byte[])r.GetValue(2));
    }

    /// <inheritdoc/>
    public IEnumerable<DocumentAnalysis> ReadOrderedAfter(string documentId)
    {
        ArgumentNullException.ThrowIfNull(documentId);
        var keys = new List<(string Id, long Part)>();
        using (var cmd = Command("SELECT article_id, part FROM analyses"))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                var id = r.GetString(0);
                if (string.CompareOrdinal(id, documentId) > 0)
                    keys.Add((id, r.GetInt64(1)));
            }
        }
        SortOrdinal(keys);
        foreach (var analysis in ReadAnalyses(keys))
            yield return analysis;
    }

    /// <inheritdoc/>
    public void WriteAssemblyState(IEnumerable<(char Kind, string Id, byte[] Data)> rows, bool whole, string? lastDocument)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var tx = _connection.BeginTransaction();
        if (whole)
            Execute("DELETE FROM assembly_state", tx);
        using var insert = Command("INSERT OR REPLACE INTO assembly_state(kind, id, data) VALUES($k, $i, $d)", tx);
        var pk = insert.Parameters.Add("$k", SqliteType.Text);
        var pi = insert.Parameters.Add("$i", SqliteType.Text);
        var pd = insert.Parameters.Add("$d", SqliteType.Blob);
        foreach (var (kind, id, data) in rows)
        {
            pk.Value = kind.ToString();
            pi.Value = id;
            pd.Value = data;
            insert.ExecuteNonQuery();
        }
        if (lastDocument is null)
            ForgetAssembledThrough(tx);
        else
            SetMeta(AssembledThroughKey, lastDocument, tx);
        tx.Commit();
    }
}
