using Microsoft.EntityFrameworkCore;

namespace SkillsMatch.Server.Data;

/// <summary>The context on PostgreSQL: the same model, its own migrations (in <c>Migrations/Postgres</c>).</summary>
public sealed class PostgresSkillsMatchDbContext(DbContextOptions<PostgresSkillsMatchDbContext> options, TimeProvider clock)
    : SkillsMatchDbContext(options, clock);
