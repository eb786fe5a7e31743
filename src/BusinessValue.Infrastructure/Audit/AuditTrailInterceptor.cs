using System.Globalization;
using System.Text.Json;
using BusinessValue.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BusinessValue.Infrastructure.Audit;

/// <summary>
/// Adds an audit entry for every created, updated and deleted portfolio record to the same SaveChanges, so
/// the change and its record commit together or not at all. Refuses to edit or delete an audit entry.
/// Accounts and API keys are recorded by their own services as events, never with their secrets.
/// </summary>
internal sealed class AuditTrailInterceptor : SaveChangesInterceptor
{
    public static readonly AuditTrailInterceptor Instance = new();

    private static readonly System.Reflection.Assembly DomainAssembly = typeof(Domain.Systems.ItSystem).Assembly;

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Record(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Record(DbContext? context)
    {
        if (context is not BusinessValueDbContext db)
        {
            return;
        }

        var now = DateTime.UtcNow;
        var entries = new List<AuditEntry>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("The audit trail is append-only: an audit entry cannot be changed or deleted.");
            }

            if (!db.RecordsRowChanges || entry.Metadata.ClrType.Assembly != DomainAssembly || entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            var changes = Changes(entry);
            if (entry.State == EntityState.Modified && changes.Count == 0)
            {
                continue;
            }

            entries.Add(new AuditEntry
            {
                OccurredAtUtc = now,
                Action = entry.State switch
                {
                    EntityState.Added => AuditAction.Created,
                    EntityState.Deleted => AuditAction.Deleted,
                    _ => AuditAction.Updated,
                },
                Actor = AuditEntry.Fit(db.Actor.Name, AuditEntry.ActorMaxLength),
                ActorId = db.Actor.Id,
                EntityType = entry.Metadata.ClrType.Name,
                EntityId = KeyOf(entry),
                SystemId = SystemOf(entry),
                Changes = JsonSerializer.Serialize(changes),
            });
        }

        db.AuditTrail.AddRange(entries);
    }

    private static List<FieldChange> Changes(EntityEntry entry)
    {
        var changes = new List<FieldChange>();
        Collect(entry.State, entry.Properties, entry.ComplexProperties, prefix: string.Empty, changes);
        return changes;
    }

    private static void Collect(EntityState state, IEnumerable<PropertyEntry> properties, IEnumerable<ComplexPropertyEntry> complexProperties, string prefix, List<FieldChange> changes)
    {
        foreach (var property in properties)
        {
            // Foreign keys are named by the record's own fields; the row version is bookkeeping, not a change.
            if (property.Metadata.IsShadowProperty() && (property.Metadata.IsForeignKey() || property.Metadata.IsConcurrencyToken))
            {
                continue;
            }

            // A measure is stored through an indexer under its key; the trail names it as the record's field always was.
            if (property.Metadata.FindAnnotation(Persistence.Configurations.FrozenReviewConfiguration.AuditedByFingerprint) is not null)
            {
                // A frozen portfolio document is megabytes: the trail records its length and fingerprint, enough to show it never changed.
                if (state != EntityState.Modified || property.IsModified)
                {
                    changes.Add(new FieldChange(prefix + property.Metadata.Name, Fingerprint(state == EntityState.Added ? null : property.OriginalValue), Fingerprint(state == EntityState.Deleted ? null : property.CurrentValue)));
                }

                continue;
            }

            var name = prefix + (property.Metadata.IsIndexerProperty() ? Domain.Metrics.Measures.Find(property.Metadata.Name)?.Column ?? property.Metadata.Name : property.Metadata.Name);
            switch (state)
            {
                case EntityState.Added:
                    changes.Add(new FieldChange(name, null, Text(property.CurrentValue)));
                    break;
                case EntityState.Deleted:
                    changes.Add(new FieldChange(name, Text(property.OriginalValue), null));
                    break;
                default:
                    if (property.IsModified && !Equals(property.OriginalValue, property.CurrentValue))
                    {
                        changes.Add(new FieldChange(name, Text(property.OriginalValue), Text(property.CurrentValue)));
                    }

                    break;
            }
        }

        foreach (var complex in complexProperties)
        {
            Collect(state, complex.Properties, complex.ComplexProperties, prefix + complex.Metadata.Name + ".", changes);
        }
    }

    private static string? Fingerprint(object? value) => value is string text
        ? string.Create(CultureInfo.InvariantCulture, $"{text.Length} characters, SHA-256 {Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))}")
        : null;

    internal static string? Text(object? value) => value switch
    {
        null => null,
        DateTime time => time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture),
        // The same text whichever provider stored it (PostgreSQL keeps trailing zeros, SQLite does not).
        decimal number => number.ToString("0.############################", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null
            ? string.Empty
            : string.Join('/', key.Properties.Select(p => Text(entry.Property(p.Name).CurrentValue)));
    }

    private static Guid? SystemOf(EntityEntry entry)
    {
        if (entry.Entity is Domain.Systems.ItSystem system)
        {
            return system.Id;
        }

        var property = entry.Metadata.FindProperty("SystemId") ?? entry.Metadata.FindProperty("SourceSystemId");
        return property is not null && entry.Property(property.Name).CurrentValue is Guid id ? id : null;
    }
}
