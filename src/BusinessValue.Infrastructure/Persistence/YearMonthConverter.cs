using BusinessValue.Domain.Periods;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BusinessValue.Infrastructure.Persistence;

/// <summary>Stores a month as "YYYY-MM": readable, and sorts and compares correctly as text on both providers.</summary>
internal sealed class YearMonthConverter() : ValueConverter<YearMonth, string>(
    month => month.ToString(),
    text => YearMonth.Parse(text));
