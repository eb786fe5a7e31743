namespace BusinessValue.Domain.Integrations;

public enum IntegrationMode
{
    Automated,
    SemiAutomated,
    Manual,
}
