using Microsoft.Data.Sqlite;
using SkillsMatch.Engine.Matching;
using SkillsMatch.Engine.Reference;

namespace SkillsMatch.Benchmarks;

/// <summary>
/// What a developer would write without the engine. Both peers score only the need's own skills,
/// idf-weighted like the engine, with no related skills, no constraints, no features and no
/// explanations: less work than the engine does.
/// </summary>
public static class Peers
{
    public static Dictionary<string, double> Weights(NeedProfile need, IReadOnlyDictionary<string, int> documentFrequency, int total)
    {
        var weights = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (skills, factor) in new[] { (need.MustHave, 2.0), (need.NiceToHave, 1.0) })
        {
            foreach (var skill in skills)
            {
                weights[skill.SkillId] = factor * Math.Log(1 + (total / (1.0 + documentFrequency.GetValueOrDefault(skill.SkillId))));
            }
        }

        return weights;
    }

    /// <summary>A straightforward LINQ scan over all profiles.</summary>
    public static List<(int Id, double Score)> LinqTop(IReadOnlyList<ClientProfile> profiles, Dictionary<string, double> weights, int top) =>
        profiles
            .Select(p => (p.Id, Score: p.Skills.Sum(s => weights.TryGetValue(s.SkillId, out var w) ? w : 0)))
            .Where(p => p.Score > 0)
            .OrderByDescending(p => p.Score)
            .Take(top)
            .ToList();

    /// <summary>The client–skill table a user would create, with an index on skill.</summary>
    public static SqliteConnection CreateSqlite(string path, IEnumerable<ClientProfile> profiles, ReferenceData reference)
    {
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-1000000;");
        Execute(connection, "CREATE TABLE client_skill (client_id INTEGER NOT NULL, skill_id INTEGER NOT NULL, level INTEGER NOT NULL);");
        using (var transaction = connection.BeginTransaction())
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO client_skill VALUES ($c, $s, $l)";
            var c = insert.Parameters.Add("$c", SqliteType.Integer);
            var s = insert.Parameters.Add("$s", SqliteType.Integer);
            var l = insert.Parameters.Add("$l", SqliteType.Integer);
            insert.Prepare();
            foreach (var profile in profiles)
            {
                foreach (var skill in profile.Skills)
                {
                    c.Value = profile.Id;
                    s.Value = reference.Taxonomy.FindSkill(skill.SkillId)!.Index;
                    l.Value = skill.Level;
                    insert.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }

        Execute(connection, "CREATE INDEX ix_client_skill_skill ON client_skill (skill_id, client_id);");
        Execute(connection, "ANALYZE;");
        return connection;
    }

    public static List<(long Id, double Score)> SqlTop(SqliteConnection connection, Dictionary<string, double> weights, ReferenceData reference, int top)
    {
        using var command = connection.CreateCommand();
        var values = string.Join(", ", weights.Select((_, i) => $"($s{i}, $w{i})"));
        command.CommandText = $"""
            WITH need(skill_id, weight) AS (VALUES {values})
            SELECT cs.client_id, SUM(need.weight) AS score
            FROM client_skill cs JOIN need ON need.skill_id = cs.skill_id
            GROUP BY cs.client_id
            ORDER BY score DESC
            LIMIT {top}
            """;
        var i = 0;
        foreach (var (skill, weight) in weights)
        {
            command.Parameters.AddWithValue($"$s{i}", reference.Taxonomy.FindSkill(skill)!.Index);
            command.Parameters.AddWithValue($"$w{i}", weight);
            i++;
        }

        var result = new List<(long, double)>(top);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add((reader.GetInt64(0), reader.GetDouble(1)));
        }

        return result;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
