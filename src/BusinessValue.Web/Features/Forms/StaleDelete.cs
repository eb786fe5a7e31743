namespace BusinessValue.Web.Features.Forms;

/// <summary>
/// Why a delete was refused: the record changed since the user read it, so what they confirmed is not what is
/// stored (docs/decisions/0005-optimistic-concurrency.md). The page then shows the record as it is now.
/// </summary>
public static class StaleDelete
{
    public static string Message(string record) =>
        $"Someone changed {record} since you opened it, so it was not removed. It is shown as it is now: check it, then remove it again if you still mean to.";
}
