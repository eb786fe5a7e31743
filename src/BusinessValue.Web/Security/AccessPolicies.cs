using BusinessValue.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;

namespace BusinessValue.Web.Security;

/// <summary>
/// What each role may do, as named policies. Pages, component actions and API endpoints name a policy, never
/// a role, so this table is the one place the matrix of docs/security.md lives in code.
/// </summary>
public static class AccessPolicies
{
    public const string ReadScorecards = "scorecards:read";
    public const string ReadExplanations = "explanations:read";
    public const string EditInventory = "inventory:edit";
    public const string EditBusinessData = "business-data:edit";
    public const string RunReviews = "reviews:run";

    /// <summary>Writing translation requests: IT writes the need, the business its translation, the facilitator prepares the review.</summary>
    public const string EditTranslationRequests = "translation-requests:edit";
    public const string ReadAuditTrail = "audit:read";
    public const string ManageSettings = "settings:manage";
    public const string ManageUsers = "users:manage";
    public const string ManageApiKeys = "api-keys:manage";

    /// <summary>A department assigned to a business owner (a user claim, one per department).</summary>
    public const string DepartmentClaim = "bv:department";

    /// <summary>Each policy and the roles that satisfy it.</summary>
    public static IReadOnlyDictionary<string, string[]> Matrix { get; } = new Dictionary<string, string[]>
    {
        [ReadScorecards] = [.. Roles.All],
        [ReadExplanations] = [Roles.Administrator, Roles.ItDirector, Roles.BusinessOwner, Roles.ReviewFacilitator, Roles.Executive],
        [EditInventory] = [Roles.Administrator, Roles.ItDirector],
        [EditBusinessData] = [Roles.Administrator, Roles.BusinessOwner],
        [RunReviews] = [Roles.Administrator, Roles.ReviewFacilitator],
        [EditTranslationRequests] = [Roles.Administrator, Roles.ItDirector, Roles.BusinessOwner, Roles.ReviewFacilitator],
        [ReadAuditTrail] = [Roles.Administrator, Roles.ItDirector, Roles.Executive],
        [ManageSettings] = [Roles.Administrator],
        [ManageUsers] = [Roles.Administrator],
        [ManageApiKeys] = [Roles.Administrator],
    };

    public static AuthorizationBuilder AddAccessPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (var (policy, roles) in Matrix)
        {
            builder.AddPolicy(policy, p => p.RequireAuthenticatedUser().RequireRole(roles));
        }

        // A page or endpoint that names no policy still needs a signed-in user; the access-matrix test fails
        // until it is given one and listed in docs/security.md.
        return builder.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }
}
