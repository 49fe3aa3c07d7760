using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Terminagent.Web.Features.Abuse;

/// <summary>The defence against bots: proof-of-work on the forms that create, rate limits on the public side.</summary>
public static class AbuseSetup
{
    public static IServiceCollection AddAbuseDefence(this IServiceCollection services)
    {
        services.AddOptions<ProofOfWorkOptions>().BindConfiguration(ProofOfWorkOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ProofOfWorkOptions>, ProofOfWorkOptionsValidator>();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<RateLimitOptions>, RateLimitOptionsValidator>();
        services.AddOptions<ClientAddressOptions>().BindConfiguration(ClientAddressOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClientAddressOptions>, ClientAddressOptionsValidator>();
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, ForwardedHeadersFromConfiguration>();

        services.AddScoped<Challenges>();
        services.AddScoped<ChallengeForm>();
        services.AddScoped<RateLimits>();
        return services;
    }

    /// <summary>First in the pipeline: the client's address and scheme from a trusted proxy, before anything reads them.</summary>
    public static IApplicationBuilder UseClientAddress(this IApplicationBuilder app) => app.UseForwardedHeaders();

    /// <summary>After the static files (never limited), before the pages and endpoints.</summary>
    public static IApplicationBuilder UseRateLimits(this IApplicationBuilder app) => app.UseMiddleware<RateLimitMiddleware>();

    public static void MapAbuseDefence(this IEndpointRouteBuilder endpoints) => endpoints.MapChallengeApi();
}

/// <summary>The 429 page for a handler that found a limit reached (e.g. holds per email).</summary>
public sealed class RateLimitedResult(RateDecision decision) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context) => RateLimitedResponse.WriteAsync(context.HttpContext, decision);
}
