namespace BusinessValue.Web.Hosting;

/// <summary>A setting of the app that cannot work as written; the message names the setting and the fix.</summary>
public sealed class SettingException(string message) : Exception(message);
