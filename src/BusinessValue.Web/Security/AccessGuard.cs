using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace BusinessValue.Web.Security;

/// <summary>
/// Server-side check for component actions that change data: a hidden button is not a permission. Feature
/// services call it before they write, so a forged event from a browser changes nothing.
/// </summary>
public sealed class AccessGuard(AuthenticationStateProvider authentication, IAuthorizationService authorization)
{
    public async Task<bool> AllowsAsync(string policy)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return (await authorization.AuthorizeAsync(state.User, policy)).Succeeded;
    }

    /// <exception cref="AccessDeniedException">The signed-in user may not do this.</exception>
    public async Task DemandAsync(string policy)
    {
        if (!await AllowsAsync(policy))
        {
            throw new AccessDeniedException(policy);
        }
    }

    /// <summary>
    /// Whether the reader may change the business data (processes, dependencies, workarounds, adoption, business
    /// cases) of this department: an administrator anywhere, a business owner in the departments assigned to them.
    /// </summary>
    public async Task<bool> MayEditBusinessDataOfAsync(Guid departmentId)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        return (await authorization.AuthorizeAsync(user, AccessPolicies.EditBusinessData)).Succeeded
               && (user.IsInRole(Infrastructure.Identity.Roles.Administrator) || user.HasClaim(AccessPolicies.DepartmentClaim, departmentId.ToString()));
    }

    /// <summary>
    /// As <see cref="MayEditBusinessDataOfAsync(Guid)"/>; business data in no department (a process or workaround
    /// whose department was removed) is the administrator's alone, as no business owner is assigned to it.
    /// </summary>
    public async Task<bool> MayEditBusinessDataOfAsync(Guid? departmentId) =>
        departmentId is { } id
            ? await MayEditBusinessDataOfAsync(id)
            : (await authentication.GetAuthenticationStateAsync()).User.IsInRole(Infrastructure.Identity.Roles.Administrator);

    /// <summary>Whether the reader is an administrator: some acts (reopening a closed review) are theirs alone, whatever else a policy grants.</summary>
    public async Task<bool> IsAdministratorAsync() =>
        (await authentication.GetAuthenticationStateAsync()).User.IsInRole(Infrastructure.Identity.Roles.Administrator);

    /// <summary>Who is acting, for the audit trail.</summary>
    public async Task<Infrastructure.Audit.AuditActor> ActorAsync()
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        var id = Guid.TryParse(user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, out var parsed) ? parsed : (Guid?)null;
        return user.Identity?.IsAuthenticated == true
            ? new Infrastructure.Audit.AuditActor(user.Identity.Name ?? "unknown user", id)
            : Infrastructure.Audit.AuditActor.System;
    }
}

/// <summary>A user tried something their role does not allow; shown as "You do not have permission", never as an error page.</summary>
public sealed class AccessDeniedException(string policy)
    : Exception($"Your role does not allow this ({policy}). Ask an administrator if you need it.")
{
    public string Policy { get; } = policy;
}
