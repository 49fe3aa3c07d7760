using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Terminagent.Trust.BadInput;

/// <summary>The kinds of bad input the fuzzer sends; every request belongs to exactly one.</summary>
public enum HostileKind
{
    WrongMethod,
    WrongContentType,
    MalformedJson,
    DeeplyNested,
    HugeBody,
    HugeQuery,
    HugeHeaders,
    HostileCookies,
    InvalidUtf8Url,
    InvalidUtf8Body,
    OverlongValues,
    ControlCharacters,
    ScriptInValues,
    EmailHeaderInjection,
    OutOfRange,
    PathTraversal,
    UnknownToken,
    OversizedToken,
    FormWithoutToken,
    FormWithWrongToken,
    FormWithTokenHostileValues,
    JsonHostileValues,
}

/// <summary>One request the fuzzer sent and how the app answered (Status null: no answer, see Error).</summary>
public sealed record HostileOutcome(HostileKind Kind, string Method, string Route, string Target, int? Status, string? Error, bool Oversized);

/// <summary>What a run tried and what came back; <see cref="Failures"/> are the answers that must not happen.</summary>
public sealed class HostileSummary
{
    public int Total { get; init; }
    public required IReadOnlyDictionary<HostileKind, int> ByKind { get; init; }
    public required IReadOnlyDictionary<string, int> ByStatus { get; init; }
    public required IReadOnlyDictionary<string, int> ByRoute { get; init; }

    public required IReadOnlyList<HostileOutcome> Outcomes { get; init; }

    /// <summary>A 5xx, or no answer at all where the server had no reason to cut the connection.</summary>
    public required IReadOnlyList<HostileOutcome> Failures { get; init; }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{Total} hostile requests to {ByRoute.Count} routes, {Failures.Count} failures");
        text.AppendLine("by kind:   " + string.Join(", ", ByKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")));
        text.AppendLine("by status: " + string.Join(", ", ByStatus.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}")));
        foreach (var f in Failures.Take(30))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  FAIL {f.Kind} {f.Method} {Shorten(f.Target, 200)} -> {f.Status?.ToString(CultureInfo.InvariantCulture) ?? f.Error}");
        }

        return text.ToString();
    }

    internal static string Shorten(string s, int max) => s.Length <= max ? s : s[..max] + $"…({s.Length} chars)";
}

/// <summary>
/// Generates malformed, oversized, out-of-range and hostile requests for every route of the app
/// and sends them over a real HTTP connection. Reproducible: the same seed, routes and app give
/// the same requests. Needs nothing but an <see cref="HttpClient"/> pointed at the app (no cookies,
/// no redirects), so a figures tool can aim it at a running instance.
/// </summary>
public sealed partial class HostileRequests
{
    private const string TokenField = "__RequestVerificationToken";

    private static readonly string[] Scripts =
    [
        "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "<svg/onload=alert(1)>",
        "javascript:alert(1)//<", "'; DROP TABLE bookings;--<b>", "{{constructor.constructor('alert(1)')()}}<i>",
        "</textarea><script>alert(document.cookie)</script>", "Robert<iframe src=//evil.example>",
    ];

    private static readonly string[] EmailInjections =
    [
        "a@example.org\r\nBcc: victim@example.net", "a@example.org\nBcc: victim@example.net", "a@example.org\rCc: x@example.net",
        "a@example.org, b@example.net", "a@example.org; b@example.net", "\"Eve\" <eve@example.org>", "Eve <eve@example.org>",
        "a@example.org\r\nSubject: free money\r\n\r\nbody", "a@example.org%0d%0aBcc:victim@example.net", "a@exa\u0000mple.org",
        "a@example.org\u2028Bcc: x@example.net", "a@example.org\u0085Bcc: x@example.net", "=?utf-8?q?x?= <a@example.org>",
        "a@example.org\tb@example.net", "a b@example.org", "@example.org", "a@", "a@localhost", "a@[127.0.0.1]",
        "a\uFFFD@example.org", "a@ex\uFFFDample.org", "a@example.org\u200B",
    ];

    private static readonly string[] OutOfRangeValues =
    [
        "0001-01-01", "9999-12-31", "0000-00-00", "2026-02-30", "-1", "0", "99999999999999999999", "2147483648",
        "-2147483649", "1e309", "NaN", "Infinity", "-Infinity", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-14:00",
        "2026-13-45T25:61:61Z", "18446744073709551616", "00000000-0000-0000-0000-000000000000", "-0", "+99999-01-01",
        "10000-01-01", "1900-01-01", "2026-11-30T10:00:00", "9999999999", "0x7fffffff", "1.5", "2026-W99",
        "9999-12-31T23:59:59Z", "9999-12-31T23:59:59+00:00", "0001-01-01T00:00:00Z", "0000-01-01", "0000-01-01T00:00:00Z",
        "2026-12-01T08:00:00+14:00", "2026-12-01T08:00:00-14:00", "2026-12-01T08:00:00+14:01", "2026-12-01T08:00:00+23:59",
        "2026-12-01T08:00:00-23:59", "-0001-01-01", "24:00", "23:60",
    ];

    /// <summary>
    /// Names under which pages and the API take a day, an instant or a time of day; out-of-range values go to them as well as to
    /// the route's own fields, because some forms (a wish's dates and windows) read fields no handler parameter names.
    /// </summary>
    private static readonly string[] DateFields = ["day", "from", "to", "start", "earliest", "latest", "from-1", "to-1", "year", "holiday"];

    private static readonly string[] Traversals =
    [
        "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "..%2f..%2f..%2fetc%2fpasswd", "....//....//etc/passwd",
        "/etc/passwd", "..%252f..%252fetc%252fpasswd", "file:///etc/passwd", "\\\\server\\share", "%2e%2e%2f%2e%2e%2f",
        "appsettings.json", "../appsettings.json", "~/web.config", ".git/config",
    ];

    private static readonly string[] Controls =
    [
        "\u0000", "a\u0001\u0002b", "\u001b[31mred", "\u202Eevil", "\uFEFFx", "x\u0007\u0008", "line\r\nbreak", "\u200B\u200C\u200D",
        "\u00A0\u2003", "tab\there", "\uD800", "\uDFFFx", "nul\u0000end", "\u0085", "\u2028\u2029",
    ];

    /// <summary>Invalid UTF-8 written the way a URL carries it: percent-encoded.</summary>
    private static readonly string[] PercentInvalidUtf8 = ["%C3%28", "%FF%FE", "%ED%A0%80", "%C0%AF", "%E2%82", "%F8%88%80%80%80", "%80", "%C0%80", "%F4%90%80%80"];

    /// <summary>The same as raw bytes in a body.</summary>
    private static readonly byte[][] RawInvalidUtf8 =
    [
        [0xC3, 0x28], [0xFF, 0xFE], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80], [0xC0, 0x80],
    ];

    private static readonly string[] OddMethods = ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FOO", "HEAD", "M-SEARCH"];

    private static readonly string[] OddContentTypes =
    [
        "text/plain", "application/xml", "multipart/form-data", "multipart/form-data; boundary=x", "application/octet-stream",
        "application/json; charset=utf-7", "application/x-www-form-urlencoded; charset=ebcdic", "image/png", "", "application/json;;;",
        "application/x-www-form-urlencoded; charset=\"", "text/html; charset=utf-8",
    ];

    private static readonly string[] GenericFields = ["name", "email", "phone", "service", "office", "start", "at", "token", "code", "id", "day", "from", "to", "language", "lang", "password", "returnUrl"];

    private readonly HttpClient client;
    private readonly IReadOnlyList<FuzzTarget> targets;
    private readonly int seed;
    private List<string> officeIds = [];
    private List<string> serviceIds = [];
    private (string Token, string Cookie)? validToken;
    private bool learned;

    public HostileRequests(HttpClient client, IEnumerable<FuzzTarget> targets, int seed)
    {
        this.client = client;
        this.targets = targets.ToList();
        this.seed = seed;
        if (this.targets.Count == 0)
        {
            throw new ArgumentException("No routes to fuzz.", nameof(targets));
        }
    }

    /// <summary>Learns the offices, services and a form token (through plain requests), then sends <paramref name="count"/> hostile requests.</summary>
    public async Task<HostileSummary> RunAsync(int count, int parallelism = 4, CancellationToken ct = default)
    {
        if (!learned)
        {
            await LearnAsync(ct);
        }

        var random = new Random(seed);
        var requests = Enumerable.Range(0, count).Select(_ => Generate(random)).ToList();
        var outcomes = new HostileOutcome[requests.Count];
        var next = -1;
        async Task WorkAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests.Count)
            {
                outcomes[i] = await SendAsync(requests[i], ct);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, Math.Max(1, parallelism)).Select(_ => WorkAsync()));
        return new HostileSummary
        {
            Total = outcomes.Length,
            ByKind = outcomes.GroupBy(o => o.Kind).ToDictionary(g => g.Key, g => g.Count()),
            ByStatus = outcomes.GroupBy(o => o.Status?.ToString(CultureInfo.InvariantCulture) ?? "no answer").ToDictionary(g => g.Key, g => g.Count()),
            ByRoute = outcomes.GroupBy(o => o.Route).ToDictionary(g => g.Key, g => g.Count()),
            Failures = outcomes.Where(IsFailure).ToList(),
            Outcomes = outcomes,
        };
    }

    /// <summary>
    /// A server error is always a failure, and so is an answer that shows a stack trace. A cut connection is accepted only where the request was
    /// too big to read: Kestrel may answer 413/431 and close before the client finished sending.
    /// </summary>
    private static bool IsFailure(HostileOutcome o) =>
        o.Status is >= 500 || (o.Status is not null && o.Error is not null) || (o.Status is null && !o.Oversized);

    /// <summary>
    /// Reads the offices and services and takes one form token, with well-formed requests that may
    /// create the data-protection key ring: call it before a snapshot of the database.
    /// </summary>
    public async Task LearnAsync(CancellationToken ct = default)
    {
        learned = true;
        officeIds = await IdsAsync("/api/v1/offices", ct);
        serviceIds = await IdsAsync("/api/v1/services", ct);
        foreach (var page in targets.Where(t => t.Route.IsPage && t.Route.PostHandlers.Count > 0).OrderBy(t => t.Route.Parameters.Count))
        {
            var path = Fill(page.Route.Template, new Random(seed), plausible: true);
            using var response = await client.GetAsync(path, ct);
            var html = await response.Content.ReadAsStringAsync(ct);
            var token = TokenPattern().Match(html);
            var cookie = response.Headers.TryGetValues("Set-Cookie", out var cookies)
                ? cookies.Select(c => c.Split(';')[0]).FirstOrDefault(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal))
                : null;
            if (token.Success && cookie is not null)
            {
                validToken = (WebUtility.HtmlDecode(token.Groups[1].Value), cookie);
                return;
            }
        }
    }

    private async Task<List<string>> IdsAsync(string path, CancellationToken ct)
    {
        try
        {
            using var response = await client.GetAsync(path, ct);
            if (!response.IsSuccessStatusCode)
            {
                return [];
            }

            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return json.RootElement.EnumerateArray()
                .Select(e => e.TryGetProperty("id", out var id) ? id.GetString() : null)
                .OfType<string>()
                .ToList();
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException or InvalidOperationException)
        {
            return [];
        }
    }

    private sealed record Planned(HostileKind Kind, FuzzTarget Target, string Method, string Url, byte[]? Body, string? ContentType, List<(string Name, string Value)> Headers)
    {
        /// <summary>Beyond what any sensible server reads (a 200 KB body, an 8 KB address, 16 KB of headers).</summary>
        public bool Oversized => Body?.Length > 200_000 || Url.Length > 8_000 || Headers.Sum(h => h.Name.Length + h.Value.Length) > 16_000;
    }

    private Planned Generate(Random random)
    {
        var target = targets[random.Next(targets.Count)];
        var route = target.Route;
        var kind = (HostileKind)random.Next(Enum.GetValues<HostileKind>().Length);
        var method = route.AcceptsPost && random.Next(3) > 0 ? "POST" : "GET";
        var headers = new List<(string, string)>();
        var path = Fill(route.Template, random, plausible: random.Next(3) > 0);
        var query = new List<string>();
        if (random.Next(4) == 0)
        {
            query.Add("lang=en");
        }

        byte[]? body = null;
        string? contentType = null;

        string Value(Func<string> hostile) => hostile();
        void QueryWith(Func<string> hostile, IReadOnlyList<string>? more = null)
        {
            foreach (var name in Pick(random, With(target.QueryNames.Count > 0 ? target.QueryNames : GenericFields, more), 1, 4))
            {
                query.Add(Uri.EscapeDataString(name) + "=" + Escape(Value(hostile)));
            }
        }

        void FormWith(Func<string, string> hostile, bool withToken, IReadOnlyList<string>? more = null)
        {
            method = "POST";
            var fields = Pick(random, With(target.FormNames.Count > 0 ? target.FormNames : GenericFields, more), 1, 8)
                .Select(n => (n, hostile(n))).ToList();
            if (withToken && validToken is { } valid)
            {
                fields.Add((TokenField, valid.Token));
                headers.Add(("Cookie", valid.Cookie));
            }

            (body, contentType) = (FormBytes(fields), "application/x-www-form-urlencoded");
            AddHandler(random, route, query);
        }

        void JsonWith(Func<string, string> hostile, IReadOnlyList<string>? more = null)
        {
            method = "POST";
            var names = With(target.JsonNames.Count > 0 ? target.JsonNames : GenericFields, more);
            var json = "{" + string.Join(",", Pick(random, names, 1, names.Count).Select(n => JsonString(n) + ":" + hostile(n))) + "}";
            (body, contentType) = (Encoding.UTF8.GetBytes(json), "application/json");
        }

        string HostileFor(string field) => IsEmailField(field) ? One(random, EmailInjections) : AnyHostile(random);

        switch (kind)
        {
            case HostileKind.WrongMethod:
                method = One(random, OddMethods.Concat(route.Methods.Count == 0 || route.Methods.Contains("GET") ? [] : new[] { "GET" }).ToArray());
                break;
            case HostileKind.WrongContentType:
                method = "POST";
                contentType = One(random, OddContentTypes);
                body = random.Next(2) == 0 ? Encoding.UTF8.GetBytes("{\"name\":\"x\"}") : [.. Encoding.UTF8.GetBytes("name=x&"), .. One(random, RawInvalidUtf8)];
                if (contentType.Length == 0)
                {
                    contentType = null;
                }

                break;
            case HostileKind.MalformedJson:
                method = "POST";
                (body, contentType) = (Encoding.UTF8.GetBytes(One(random, MalformedJson(target, random))), "application/json");
                break;
            case HostileKind.DeeplyNested:
                method = "POST";
                if (route.IsPage)
                {
                    var key = string.Concat(Enumerable.Repeat("a[0].", random.Next(40, 400))) + "b";
                    (body, contentType) = (FormBytes([(key, "x"), (One(random, target.FormNames.Count > 0 ? target.FormNames : GenericFields) + string.Concat(Enumerable.Repeat("[0]", 200)), "x")]), "application/x-www-form-urlencoded");
                    AddHandler(random, route, query);
                }
                else
                {
                    var depth = random.Next(65, 5000);
                    var inner = random.Next(2) == 0 ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
                    (body, contentType) = (Encoding.UTF8.GetBytes("{\"" + One(random, target.JsonNames.Count > 0 ? target.JsonNames : GenericFields) + "\":" + inner + "}"), "application/json");
                }

                break;
            case HostileKind.HugeBody:
                method = "POST";
                var size = One(random, [300_000, 1_100_000, 5_000_000]);
                if (random.Next(2) == 0)
                {
                    (body, contentType) = (FormBytes([(One(random, target.FormNames.Count > 0 ? target.FormNames : GenericFields), new string('A', size))]), "application/x-www-form-urlencoded");
                }
                else
                {
                    (body, contentType) = (Encoding.UTF8.GetBytes("{\"name\":\"" + new string('A', size) + "\"}"), "application/json");
                }

                break;
            case HostileKind.HugeQuery:
                query.Add(random.Next(2) == 0
                    ? "q=" + new string('x', One(random, [6_000, 20_000, 70_000]))
                    : string.Join("&", Enumerable.Range(0, One(random, [500, 3000])).Select(i => $"{One(random, GenericFields)}={i}")));
                break;
            case HostileKind.HugeHeaders:
                if (random.Next(2) == 0)
                {
                    headers.Add(("X-Filler", new string('h', One(random, [10_000, 40_000, 100_000]))));
                }
                else
                {
                    headers.Add(("Cookie", string.Join("; ", Enumerable.Range(0, One(random, [200, 2000])).Select(i => $"c{i}={new string('v', 40)}"))));
                }

                break;
            case HostileKind.HostileCookies:
                var cookieValue = random.Next(2) == 0 ? new string('Z', 3000) : Escape(AnyHostile(random));
                var cookieName = One(random, [".AspNetCore.Antiforgery.x", "terminagent-staff", "terminagent-kiosk", "terminagent-display", ".AspNetCore.Culture", ".AspNetCore.Session"]);
                headers.Add(("Cookie", $"{cookieName}={cookieValue}"));
                if (route.IsPage && route.PostHandlers.Count > 0 && random.Next(2) == 0)
                {
                    FormWith(HostileFor, withToken: false);
                }

                break;
            case HostileKind.InvalidUtf8Url:
                path = Fill(route.Template, random, plausible: false, invalidUtf8: true);
                query.Add(Uri.EscapeDataString(One(random, target.QueryNames.Count > 0 ? target.QueryNames : GenericFields)) + "=" + One(random, PercentInvalidUtf8) + "x");
                break;
            case HostileKind.InvalidUtf8Body:
                method = "POST";
                if (route.IsPage || random.Next(2) == 0)
                {
                    var fields = Pick(random, target.FormNames.Count > 0 ? target.FormNames : GenericFields, 1, 6).ToList();
                    var raw = new List<byte>();
                    if (validToken is { } valid && random.Next(2) == 0)
                    {
                        raw.AddRange(Encoding.ASCII.GetBytes(TokenField + "=" + Uri.EscapeDataString(valid.Token) + "&"));
                        headers.Add(("Cookie", valid.Cookie));
                    }

                    foreach (var f in fields)
                    {
                        raw.AddRange(Encoding.ASCII.GetBytes(Uri.EscapeDataString(f) + "="));
                        raw.AddRange(random.Next(2) == 0 ? One(random, RawInvalidUtf8) : Encoding.ASCII.GetBytes(One(random, PercentInvalidUtf8)));
                        raw.AddRange(Encoding.ASCII.GetBytes(IsEmailField(f) ? "a@example.org&" : "Anna&"));
                    }

                    (body, contentType) = ([.. raw], "application/x-www-form-urlencoded");
                    AddHandler(random, route, query);
                }
                else
                {
                    var names = target.JsonNames.Count > 0 ? target.JsonNames : GenericFields;
                    var raw = new List<byte>(Encoding.ASCII.GetBytes("{"));
                    foreach (var n in Pick(random, names, 1, names.Count))
                    {
                        raw.AddRange(Encoding.UTF8.GetBytes((raw.Count > 1 ? "," : "") + JsonString(n) + ":\"a"));
                        raw.AddRange(One(random, RawInvalidUtf8));
                        raw.AddRange(Encoding.ASCII.GetBytes("\""));
                    }

                    raw.AddRange(Encoding.ASCII.GetBytes("}"));
                    (body, contentType) = ([.. raw], "application/json");
                }

                break;
            case HostileKind.OverlongValues:
                Spread(() => new string(One(random, ['A', 'ä', '1', '@', ' ']), One(random, [101, 255, 1_000, 20_000, 60_000])));
                break;
            case HostileKind.ControlCharacters:
                Spread(() => "Anna" + One(random, Controls) + "Beispiel");
                break;
            case HostileKind.ScriptInValues:
                Spread(() => One(random, Scripts));
                break;
            case HostileKind.EmailHeaderInjection:
                Spread(() => One(random, EmailInjections));
                break;
            case HostileKind.OutOfRange:
                Spread(() => One(random, OutOfRangeValues), DateFields);
                break;
            case HostileKind.PathTraversal:
                path = Fill(route.Template, random, plausible: false, traversal: true);
                if (random.Next(2) == 0)
                {
                    query.Add(Uri.EscapeDataString(One(random, target.QueryNames.Count > 0 ? target.QueryNames : GenericFields)) + "=" + Escape(One(random, Traversals)));
                }

                break;
            case HostileKind.UnknownToken:
            case HostileKind.OversizedToken:
                var tokenValue = kind == HostileKind.UnknownToken ? RandomToken(random, 32) : RandomToken(random, One(random, [300, 4_000, 7_000]));
                path = Fill(route.Template, random, plausible: true, token: tokenValue);
                if (route.AcceptsPost && !route.IsPage && random.Next(2) == 0)
                {
                    JsonWith(n => n.Contains("token", StringComparison.OrdinalIgnoreCase) ? JsonString(tokenValue) : JsonString(RandomToken(random, 22)));
                }
                else if (!route.IsPage)
                {
                    query.Add("token=" + tokenValue);
                }

                break;
            case HostileKind.FormWithoutToken:
                FormWith(_ => "Anna", withToken: false);
                break;
            case HostileKind.FormWithWrongToken:
                method = "POST";
                var wrong = random.Next(3) switch
                {
                    0 => RandomToken(random, 155),
                    1 => validToken is { } v ? v.Token[..^4] + "AAAA" : "CfDJ8garbage",
                    _ => "",
                };
                var wrongFields = new List<(string, string)> { (TokenField, wrong), ("name", "Anna"), ("email", "anna@example.org") };
                if (validToken is { } good && random.Next(2) == 0)
                {
                    // The right cookie with a forged field, or the right field without its cookie.
                    headers.Add(("Cookie", good.Cookie));
                }
                else if (validToken is { } good2)
                {
                    wrongFields[0] = (TokenField, good2.Token);
                }

                (body, contentType) = (FormBytes(wrongFields), "application/x-www-form-urlencoded");
                AddHandler(random, route, query);
                break;
            case HostileKind.FormWithTokenHostileValues:
                FormWith(HostileFor, withToken: true);
                break;
            case HostileKind.JsonHostileValues:
                JsonWith(n => random.Next(5) switch
                {
                    0 => One(random, ["null", "[]", "{}", "true", "-1", "1e400", "99999999999999999999999", "\"\"", "[\"a\",\"b\"]"]),
                    _ => JsonString(HostileFor(n)),
                });
                break;
        }

        void Spread(Func<string> hostile, IReadOnlyList<string>? more = null)
        {
            switch (random.Next(3))
            {
                case 0:
                    QueryWith(hostile, more);
                    break;
                case 1 when route.IsPage:
                    FormWith(f => IsEmailField(f) && kind != HostileKind.EmailHeaderInjection ? One(random, EmailInjections) : hostile(), withToken: true, more);
                    break;
                case 1:
                    JsonWith(f => JsonString(IsEmailField(f) && kind != HostileKind.EmailHeaderInjection ? One(random, EmailInjections) : hostile()), more);
                    break;
                default:
                    path = Fill(route.Template, random, plausible: false, value: hostile());
                    break;
            }
        }

        var url = path + (query.Count > 0 ? "?" + string.Join("&", query) : "");
        return new Planned(kind, target, method, url, body, contentType, headers);
    }

    private async Task<HostileOutcome> SendAsync(Planned p, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(p.Method), new Uri(p.Url, UriKind.Relative));
            if (p.Body is not null)
            {
                request.Content = new ByteArrayContent(p.Body);
                if (p.ContentType is not null)
                {
                    request.Content.Headers.TryAddWithoutValidation("Content-Type", p.ContentType);
                }
                else
                {
                    request.Content.Headers.ContentType = null;
                }
            }

            foreach (var (name, value) in p.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            // Kestrel cuts a connection whose unread body outgrows the limit after answering: the
            // next request must not ride on it.
            request.Headers.ConnectionClose = p.Oversized;
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            var media = response.Content.Headers.ContentType?.MediaType ?? "";
            var leak = media.Contains("html", StringComparison.Ordinal) || media.Contains("json", StringComparison.Ordinal) ? LeakPattern().Match(text) : Match.Empty;
            return new HostileOutcome(p.Kind, p.Method, p.Target.Route.Template, p.Url, (int)response.StatusCode, leak.Success ? "shows internals: " + leak.Value : null, p.Oversized);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            return new HostileOutcome(p.Kind, p.Method, p.Target.Route.Template, p.Url, null, ex.GetType().Name + ": " + ex.Message + " " + ex.InnerException?.Message, p.Oversized);
        }
    }

    /// <summary>The route's path with its parameters filled: plausible (known ids, well-formed tokens) or hostile.</summary>
    private string Fill(string template, Random random, bool plausible, bool invalidUtf8 = false, bool traversal = false, string? token = null, string? value = null)
    {
        return ParameterPattern().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            var constraint = m.Groups["constraint"].Value;
            if (token is not null && name.Contains("token", StringComparison.OrdinalIgnoreCase))
            {
                return token;
            }

            if (invalidUtf8)
            {
                return "x" + One(random, PercentInvalidUtf8);
            }

            if (traversal)
            {
                return One(random, Traversals).Replace("/", random.Next(2) == 0 ? "%2F" : "/", StringComparison.Ordinal);
            }

            if (value is not null)
            {
                return Escape(value);
            }

            if (!plausible)
            {
                return Escape(AnyHostile(random));
            }

            return (name, constraint) switch
            {
                (_, "int") => One(random, ["1", "0", "-1", "400", "404", "500", "2147483647", "99999999999"]),
                (_, "guid") => Guid.NewGuid().ToString(),
                ("office", _) when officeIds.Count > 0 => One(random, officeIds.ToArray()),
                ("service" or "serviceId", _) when serviceIds.Count > 0 => One(random, serviceIds.ToArray()),
                _ when name.Contains("token", StringComparison.OrdinalIgnoreCase) => RandomToken(random, 32),
                _ => One(random, ["x", "1", "abc", "personalausweis", "bookings", "visits"]),
            };
        });
    }

    private static void AddHandler(Random random, FuzzRoute route, List<string> query)
    {
        var named = route.PostHandlers.Where(h => h.Length > 0).ToArray();
        if (named.Length > 0 && random.Next(3) > 0)
        {
            query.Add("handler=" + Uri.EscapeDataString(One(random, named)));
        }
        else if (random.Next(8) == 0)
        {
            query.Add("handler=" + Escape(AnyHostile(random)));
        }
    }

    private string[] MalformedJson(FuzzTarget target, Random random)
    {
        var name = JsonString(One(random, target.JsonNames.Count > 0 ? target.JsonNames : GenericFields));
        return
        [
            "{", "}", "[", "{" + name + ":", "{" + name + ":\"unterminated", "{" + name + ":1,}", "{'single':'quotes'}", "nul", "null",
            "[]", "\"just a string\"", "12345678901234567890", "{" + name + ":NaN}", "{" + name + ":undefined}", "{" + name + ":0x10}",
            "{" + name + ":\"\\uZZZZ\"}", "{" + name + ":\"\\ud800\"}", "{" + name + ":1}{" + name + ":2}", "\uFEFF{}", "{/*c*/}",
            "{" + name + ":\"2026-11-30T10:00:00+25:00\"}", "{" + name + ":[1,2,3]}", "{" + name + ":{\"$ref\":\"#\"}}", "{" + name + ":true}",
            "{" + string.Join(",", Enumerable.Range(0, 3000).Select(i => $"\"k{i}\":{i}")) + "}", "",
        ];
    }

    private static string AnyHostile(Random random) => random.Next(8) switch
    {
        0 => One(random, Scripts),
        1 => One(random, EmailInjections),
        2 => One(random, OutOfRangeValues),
        3 => One(random, Traversals),
        4 => "Anna" + One(random, Controls),
        5 => new string('Ä', One(random, [101, 300, 3_000])),
        6 => One(random, Scripts) + One(random, Controls),
        _ => RandomToken(random, One(random, [1, 22, 43, 200])) + "<",
    };

    private static bool IsEmailField(string name) =>
        name.Contains("mail", StringComparison.OrdinalIgnoreCase);

    private static string RandomToken(Random random, int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        return new string(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }

    private static List<string> With(IReadOnlyList<string> names, IReadOnlyList<string>? more) =>
        names.Concat(more ?? []).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    private static T One<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static IEnumerable<string> Pick(Random random, IReadOnlyList<string> items, int min, int max)
    {
        var n = Math.Min(items.Count, random.Next(min, Math.Max(min, max) + 1));
        return items.OrderBy(_ => random.Next()).Take(n).ToList();
    }

    /// <summary>Percent-encodes as a browser would; lone surrogates become U+FFFD on the wire.</summary>
    private static string Escape(string value) =>
        string.Concat(Encoding.UTF8.GetBytes(value).Select(b => b is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~'
            ? ((char)b).ToString()
            : "%" + b.ToString("X2", CultureInfo.InvariantCulture)));

    private static byte[] FormBytes(IEnumerable<(string Name, string Value)> fields) =>
        Encoding.ASCII.GetBytes(string.Join("&", fields.Select(f => Escape(f.Name) + "=" + Escape(f.Value))));

    private static string JsonString(string value) => JsonSerializer.Serialize(value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"(\bat Terminagent\.|\bat Microsoft\.|System\.[A-Za-z.]*Exception|Npgsql|SqliteException|   at )")]
    private static partial Regex LeakPattern();

    [GeneratedRegex(@"\{\*{0,2}(?<name>[A-Za-z_]+)(?::(?<constraint>[a-z]+))?[^}]*\}")]
    private static partial Regex ParameterPattern();
}

/// <summary>A route with the names of the values it reads: query, form fields and JSON properties.</summary>
public sealed record FuzzTarget(FuzzRoute Route, IReadOnlyList<string> QueryNames, IReadOnlyList<string> FormNames, IReadOnlyList<string> JsonNames);
