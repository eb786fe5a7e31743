using System.Net;
using System.Text.RegularExpressions;

namespace BusinessValue.Testing.Circuits;

/// <summary>
/// A signed-in reader for circuit clients: the session cookie from the real sign-in form, and the prerendered
/// page's root-component markers and application state, which a browser would hand to its circuit.
/// Cookies are kept by hand: the session cookie is Secure and the app is served over plain http on 127.0.0.1.
/// </summary>
public sealed partial class CircuitSession : IDisposable
{
    private readonly HttpClient _http;
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

    private CircuitSession(Uri address)
    {
        Address = address;
        _http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = address };
    }

    public Uri Address { get; }

    /// <summary>The Cookie header a browser of this reader sends.</summary>
    public string CookieHeader
    {
        get
        {
            // Circuits open in parallel on one session; a response may refresh a cookie meanwhile.
            lock (_cookies)
            {
                return string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));
            }
        }
    }

    /// <summary>Signs in through the sign-in form (antiforgery token, password check, session cookie).</summary>
    public static async Task<CircuitSession> SignInAsync(Uri address, string userName, string password)
    {
        var session = new CircuitSession(address);
        try
        {
            var form = await session.GetStringAsync(new Uri(address, "account/login"));
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = BusinessValueAppFactory.FormToken(form),
                ["Input.UserName"] = userName,
                ["Input.Password"] = password,
            });
            using var post = new HttpRequestMessage(HttpMethod.Post, "account/login") { Content = content };
            using var answer = await session.SendAsync(post);
            if (answer.StatusCode != HttpStatusCode.Redirect || !session._cookies.ContainsKey("bv.session"))
            {
                throw new InvalidOperationException($"Signing in as {userName} answered {(int)answer.StatusCode} without a session cookie.");
            }

            return session;
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>GETs a page as this reader and reads what a browser's Blazor script would read from it.</summary>
    public async Task<PrerenderedPage> GetPageAsync(Uri url, CancellationToken cancellationToken = default)
    {
        var html = await GetStringAsync(url, cancellationToken);
        var markers = ServerMarker().Matches(html).Select(m => m.Groups[1].Value).Where(json => json.Contains("\"type\":\"server\"", StringComparison.Ordinal)).ToArray();
        var state = ComponentState().Match(html);
        return new PrerenderedPage(url, markers, state.Success ? state.Groups[1].Value : string.Empty, html.Length);
    }

    public async Task<string> GetStringAsync(Uri url, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = await SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
        }

        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken = default)
    {
        var cookies = CookieHeader;
        if (cookies.Length > 0)
        {
            request.Headers.Add("Cookie", cookies);
        }

        var response = await _http.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            lock (_cookies)
            {
                foreach (var cookie in setCookies)
                {
                    var pair = cookie.Split(';', 2)[0].Split('=', 2);
                    _cookies[pair[0].Trim()] = pair.Length > 1 ? pair[1] : string.Empty;
                }
            }
        }

        return response;
    }

    public void Dispose() => _http.Dispose();

    // <!--Blazor:{...}--> opens (and closes) a prerendered interactive root component; only the opening one has a type.
    [GeneratedRegex("<!--Blazor:(\\{.*?\\})-->", RegexOptions.Singleline)]
    private static partial Regex ServerMarker();

    [GeneratedRegex("<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline)]
    private static partial Regex ComponentState();
}

/// <summary>A prerendered page: its interactive root components' markers (JSON, in document order) and state.</summary>
public sealed record PrerenderedPage(Uri Url, IReadOnlyList<string> Markers, string ApplicationState, int HtmlLength);
