using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BusinessValue.Infrastructure.Persistence;

/// <summary>
/// Optimistic concurrency that works the same on PostgreSQL and SQLite: every portfolio record carries a
/// <c>Version</c> column that each update raises by one. A form remembers the version it read and saves with
/// <see cref="Expect"/>; if someone saved the record in between, the update matches no row and EF Core raises
/// <see cref="DbUpdateConcurrencyException"/>, so the second save is shown a conflict instead of overwriting
/// the first (docs/decisions/0005-optimistic-concurrency.md).
/// </summary>
public static class RowVersion
{
    /// <summary>The shadow property and column name.</summary>
    public const string Property = "Version";

    /// <summary>The version of a tracked record as it was read.</summary>
    public static int Of(DbContext db, object entity)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (int)db.Entry(entity).Property(Property).OriginalValue!;
    }

    /// <summary>Saves this record only if it still has the version the user's form was read at.</summary>
    public static void Expect(DbContext db, object entity, int version)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Entry(entity).Property(Property).OriginalValue = version;
    }

    internal static void Map(ModelBuilder builder)
    {
        var domain = typeof(Domain.Systems.ItSystem).Assembly;
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.ClrType.Assembly == domain && e.FindPrimaryKey() is not null).ToList())
        {
            var version = entity.FindProperty(Property) ?? entity.AddProperty(Property, typeof(int));
            version.IsConcurrencyToken = true;
        }
    }

    /// <summary>Raises the version of every record an update changes, in the same SaveChanges.</summary>
    internal sealed class Interceptor : SaveChangesInterceptor
    {
        public static readonly Interceptor Instance = new();

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Raise(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Raise(eventData.Context);
            return ValueTask.FromResult(result);
        }

        private static void Raise(DbContext? context)
        {
            if (context is null)
            {
                return;
            }

            foreach (var entry in context.ChangeTracker.Entries())
            {
                if (entry.State == EntityState.Modified && entry.Metadata.FindProperty(Property) is { IsConcurrencyToken: true } property
                    && property.IsShadowProperty())
                {
                    var version = entry.Property(Property);
                    version.CurrentValue = (int)version.OriginalValue! + 1;
                }
            }
        }
    }
}
