using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Terminagent.Engine.Agent;
using Terminagent.Engine.Bookings;
using Terminagent.Engine.Cities;
using Terminagent.Engine.OfficeDay;
using Terminagent.Web.Features.Abuse;

namespace Terminagent.Web.Features.OpenApi.Document;

/// <summary>
/// The OpenAPI document at /openapi/v1.json, as complete as a generated client needs it: every
/// refusal with its ProblemDetails and codes, the proof-of-work headers, the staff and device
/// sign-ins, and an example for every body. Endpoints declare their answers (<see cref="ApiAnswers"/>);
/// these transformers add what holds for many operations at once.
/// </summary>
public static class ApiDocument
{
    public const string StaffSession = ApiAnswers.StaffSession;
    public const string DisplayDevice = ApiAnswers.DisplayDevice;

    /// <summary>Every <c>code</c> a ProblemDetails of the API can carry.</summary>
    public static readonly IReadOnlyList<string> Codes =
    [
        "InvalidRequest", "RateLimited", "ChallengeMissing", "ChallengeInvalid", "ChallengeExpired", "ChallengeUsed",
        .. Enum.GetNames<BookingFailure>(), .. Enum.GetNames<AgentFailure>(), .. Enum.GetNames<CounterRefusal>(),
        .. new[] { 401, 403, 404, 405, 406, 408, 410, 411, 413, 414, 415, 431, 500, 503 }.Select(TerminagentApp.ProblemCode),
    ];

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["City"] = "The offices and the services they offer, as the city configured them.",
        ["Booking"] = "Free times, and holding, confirming, moving and cancelling an appointment. A hold becomes an appointment only when the citizen confirms it with the token from the email.",
        ["Agent"] = "Wishes for an appointment nobody has free yet, and the offers the agent makes when a fitting time becomes free.",
        ["Proof of work"] = "Challenges that a client solves before it may hold an appointment or leave a wish, which makes mass requests by bots expensive.",
        ["Statistics"] = "Anonymous figures for the public and the city's reports: no names, no addresses.",
        ["Privacy"] = "A citizen's own data through a token from their emails: download it or erase it.",
        ["Counter"] = "The office's queue for staff at the counters; needs a signed-in staff session.",
        ["Call display"] = "The calls of an office for the screen in its waiting area.",
    };

    public static IServiceCollection AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(o =>
        {
            o.AddDocumentTransformer((document, context, _) =>
            {
                Describe(document, context.ApplicationServices.GetRequiredService<IOptions<AppOptions>>().Value);
                return Task.CompletedTask;
            });
            o.AddOperationTransformer((operation, context, _) =>
            {
                Describe(operation, context);
                return Task.CompletedTask;
            });
            o.AddSchemaTransformer((schema, context, _) =>
            {
                if (typeof(ProblemDetails).IsAssignableFrom(context.JsonTypeInfo.Type))
                {
                    DescribeProblem(schema);
                }
                else if (context.JsonPropertyInfo is { Name: "weekdays" } weekdays && weekdays.PropertyType == typeof(IReadOnlyList<JsonElement>))
                {
                    DescribeWeekdays(schema);
                }

                return Task.CompletedTask;
            });
        });

    private static void Describe(OpenApiDocument document, AppOptions app)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Terminagent API",
            Version = "v1",
            Description =
                "Appointments at the city's citizen offices for other clients: a city's app, a chatbot, a partner portal. " +
                "Look up free times, hold one and let the citizen confirm it by email, move or cancel it with the token from that email, " +
                "or leave a wish and answer the offers the agent sends.\n\n" +
                "Every refusal is a ProblemDetails (`application/problem+json`) with a `code` to switch on; a refused request changes nothing. " +
                "Requests that create (a hold, a wish) need a solved proof-of-work challenge, and the public API is rate limited per client address " +
                "and per email address: a 429 says in `Retry-After` when to try again.",
        };

        // The address the city publishes, as in its emails, rather than whatever host the request
        // named (an instance behind the load balancer); without the trailing slash, as paths start with one.
        document.Servers = [new OpenApiServer { Url = app.PublicBaseUrl.TrimEnd('/'), Description = "This Terminagent." }];

        document.Tags ??= new HashSet<OpenApiTag>();
        foreach (var (name, description) in TagDescriptions)
        {
            if (document.Tags.FirstOrDefault(t => t.Name == name) is { } tag)
            {
                tag.Description = description;
            }
            else
            {
                document.Tags.Add(new OpenApiTag { Name = name, Description = description });
            }
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[StaffSession] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "terminagent-staff",
            Description = "The session cookie of a member of staff, set by signing in at /staff/signin. Without it the staff API answers 401; without the task at the office, 403.",
        };
        document.Components.SecuritySchemes[DisplayDevice] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = DeviceCookie,
            Description = "The token of a call display, set as a cookie when the device opens the activation link an office manager issued for it.",
        };
    }

    private static string DeviceCookie => Devices.DeviceRegistry.CookieName(Terminagent.Domain.Staff.DeviceKind.CallDisplay);

    private static void Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var path = "/" + (description.RelativePath ?? "");
        var isApi = path.StartsWith("/api/", StringComparison.Ordinal);
        var isStaff = metadata.OfType<IAuthorizeData>().Any();
        var hasBody = description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body);
        var json = context.ApplicationServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

        var answers = metadata.OfType<ProblemAnswer>().ToList();
        if (hasBody)
        {
            answers.Add(new ProblemAnswer(400, "The body is not readable JSON of the described shape.", ["InvalidRequest"]));
            answers.Add(new ProblemAnswer(415, "The body is not JSON, or in a charset the service cannot read.", [TerminagentApp.ProblemCode(415)]));
        }

        if (isStaff)
        {
            answers.Add(new ProblemAnswer(401, "No staff session: sign in first.", [TerminagentApp.ProblemCode(401)]));
            answers.Add(new ProblemAnswer(403, "The member of staff may not do this at this office.", [TerminagentApp.ProblemCode(403)]));
            Secure(operation, context.Document, StaffSession);
        }
        else if (metadata.OfType<SecuredBy>().FirstOrDefault() is { } secured)
        {
            Secure(operation, context.Document, [.. secured.Schemes]);
        }
        else if (isApi)
        {
            // An empty requirement: open to anyone, said explicitly rather than by leaving security out.
            operation.Security = [new OpenApiSecurityRequirement()];
            answers.Add(new ProblemAnswer(429, "Too many requests from this client address; see Retry-After.", ["RateLimited"]));
        }

        if (isApi)
        {
            answers.Add(new ProblemAnswer(503, "The database cannot be reached right now; nothing was changed. See Retry-After.", [TerminagentApp.ProblemCode(503)]));
        }

        foreach (var status in answers.GroupBy(a => a.Status).OrderBy(g => g.Key))
        {
            DescribeRefusal(operation, context.Document, status.Key, status.ToList(), json);
        }

        if (metadata.OfType<ChallengeNeeded>().FirstOrDefault() is { } challenge)
        {
            AddChallengeHeaders(operation, challenge.Purpose);
        }

        if (isApi)
        {
            AddExamples(operation, description, json);
        }

        // In status order, whichever declared them first: easier to read.
        if (operation.Responses is { Count: > 1 } responses)
        {
            var ordered = responses.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
            responses.Clear();
            foreach (var (status, response) in ordered)
            {
                responses[status] = response;
            }
        }
    }

    /// <summary>Each scheme is an alternative: a device or a member of staff may watch the call display's stream.</summary>
    private static void Secure(OpenApiOperation operation, OpenApiDocument? document, params string[] alternatives)
    {
        operation.Security ??= [];
        foreach (var scheme in alternatives)
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, document)] = [] });
        }
    }

    private static void DescribeRefusal(
        OpenApiOperation operation, OpenApiDocument? document, int status, IReadOnlyList<ProblemAnswer> answers, JsonSerializerOptions json)
    {
        operation.Responses ??= new OpenApiResponses();
        var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.Responses.TryGetValue(key, out var existing) || existing is not OpenApiResponse response)
        {
            response = new OpenApiResponse
            {
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [ApiAnswers.ProblemContentType] = new() { Schema = new OpenApiSchemaReference(nameof(ProblemDetails), document) },
                },
            };
            operation.Responses[key] = response;
        }

        var codes = answers.SelectMany(a => a.Codes).Distinct().ToList();
        var when = string.Join(" ", answers.Select(a => a.When).Distinct());
        response.Description = $"{ReasonPhrases.GetReasonPhrase(status)}. {when} `code`: {string.Join(", ", codes.Select(c => $"`{c}`"))}.";

        if (status is 429 or 503)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Retry-After"] = new OpenApiHeader
            {
                Description = "Seconds to wait before trying again.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" },
            };
        }

        if (response.Content?.TryGetValue(ApiAnswers.ProblemContentType, out var media) == true)
        {
            var example = new JsonObject
            {
                ["type"] = status == 429 ? "https://tools.ietf.org/html/rfc6585#section-4"
                    : $"https://tools.ietf.org/html/rfc9110#section-15.{(status >= 500 ? 6 : 5)}.{status % 100 + 1}",
                ["title"] = answers[0].When.TrimEnd('.'),
                ["status"] = status,
                ["code"] = codes[0],
            };
            if (status == 409 && codes[0] == "Taken")
            {
                example["alternatives"] = new JsonArray(JsonSerializer.SerializeToNode(ApiExamples.FreeTime(2), json));
            }

            if (status is 429 && codes[0] == "RateLimited")
            {
                example["retryAfterSeconds"] = 42;
            }

            media.Example = example;
        }
    }

    private static void AddChallengeHeaders(OpenApiOperation operation, string purpose)
    {
        var name = purpose.ToLowerInvariant();
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = ChallengeApi.ChallengeHeader,
            In = ParameterLocation.Header,
            Required = true,
            Description = $"A challenge from GET /api/v1/challenges?purpose={name}, unchanged. It works once and expires.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            Example = ApiExamples.Challenge,
        });
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = ChallengeApi.NonceHeader,
            In = ParameterLocation.Header,
            Required = true,
            Description = "Decimal digits such that SHA-256 over the UTF-8 bytes of challenge followed by nonce starts with at least `difficulty` zero bits.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]{1,20}$" },
            Example = "48213",
        });
    }

    private static void AddExamples(OpenApiOperation operation, Microsoft.AspNetCore.Mvc.ApiExplorer.ApiDescription description, JsonSerializerOptions json)
    {
        var body = description.ParameterDescriptions.FirstOrDefault(p => p.Source == BindingSource.Body);
        if (body is not null && ApiExamples.For(body.Type) is { } request && operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var media in requestContent.Values)
            {
                media.Example = JsonSerializer.SerializeToNode(request, json);
            }
        }

        foreach (var answer in description.SupportedResponseTypes)
        {
            var key = answer.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (answer.Type is null || answer.StatusCode >= 400 || ApiExamples.For(answer.Type) is not { } example
                || operation.Responses?.TryGetValue(key, out var response) != true || response!.Content is not { } content)
            {
                continue;
            }

            foreach (var media in content.Values)
            {
                media.Example = JsonSerializer.SerializeToNode(example, json);
            }
        }
    }

    /// <summary>
    /// The wish's weekdays are read leniently (<see cref="Agent.AgentApi"/>): say which values it
    /// reads. In words, not as anyOf, which generators turn into a class no number or name fits.
    /// </summary>
    private static void DescribeWeekdays(OpenApiSchema schema)
    {
        var names = string.Join(", ", Enum.GetValues<NodaTime.IsoDayOfWeek>().Skip(1).Select(d => $"\"{d.ToString().ToLowerInvariant()}\""));
        schema.Description = $"Weekdays, each an ISO number (1 = Monday … 7 = Sunday) or an English name ({names}; any case).";
    }

    private static void DescribeProblem(OpenApiSchema schema)
    {
        schema.Description = "A refusal (RFC 9457). `code` says what went wrong, for a client to switch on; `title` and `detail` say it in English for people.";
        schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
        schema.Properties["code"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "What went wrong, stable across versions. The responses of each operation name the codes it answers with.",
            Enum = Codes.Distinct().Select(c => (JsonNode)JsonValue.Create(c)).ToList(),
        };
        schema.Properties["errors"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object | JsonSchemaType.Null,
            Description = "For invalid input (code InvalidRequest or InvalidContact): the messages per field of the body.",
            AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
        };
        schema.Properties["retryAfterSeconds"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer | JsonSchemaType.Null,
            Description = "With code RateLimited: seconds until the limit lets requests through again (as the Retry-After header).",
        };
        schema.Properties["retryAt"] = new OpenApiSchema
        {
            Type = JsonSchemaType.String | JsonSchemaType.Null,
            Format = "date-time",
            Description = "With a limit per email address (codes TooManyActive, TooManyPending, TooManyBookings): when one more becomes possible.",
        };
        schema.Required ??= new HashSet<string>();
        schema.Required.Add("code");
    }
}
